package dev.tarjama.jobs.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Reads JSON Lines with its own parser rather than Spark's JSON source, so that every line keeps
 * its file and byte offset: a line that is not a JSON object still becomes a record, with the id
 * {@code ref:file@offset} (stable for a given file, and computable in parallel splits, unlike a line
 * number). Blank lines are not records.
 */
public final class JsonLinesReader {
    private JsonLinesReader() {}

    public static JavaRDD<InputRecord> read(JavaSparkContext jsc, String path, InputRoot root, ColumnMapping columns) {
        return lines(jsc, path).mapPartitionsWithInputSplit(
                (split, iterator) -> parse(fileName(split, root), iterator, columns), false);
    }

    /**
     * One pass over the lines that counts the records and, for each of {@code wanted}, the records
     * holding it as a top-level key (values are skipped, not parsed).
     */
    public static FieldCensus census(JavaSparkContext jsc, String path, Set<String> wanted) {
        return lines(jsc, path).mapPartitions(lines -> {
            JsonFactory json = new JsonFactory();
            FieldCensus census = new FieldCensus(wanted);
            while (lines.hasNext()) {
                String text = lines.next()._2().toString();
                if (!text.isBlank()) {
                    census.add(topLevelFields(json, text));
                }
            }
            return List.of(census).iterator();
        }).fold(new FieldCensus(wanted), FieldCensus::merge);
    }

    @SuppressWarnings("unchecked")
    private static JavaNewHadoopRDD<LongWritable, Text> lines(JavaSparkContext jsc, String path) {
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        conf.setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        return (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
    }

    /** The keys of a line that is a JSON object; none for any other line, as the reader would make it malformed. */
    static Set<String> topLevelFields(JsonFactory json, String text) {
        Set<String> names = new HashSet<>();
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Set.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return names;
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String fileName(InputSplit split, InputRoot root) {
        return split instanceof FileSplit fileSplit ? root.relative(fileSplit.getPath()) : "input";
    }

    private static Iterator<InputRecord> parse(
            String file, Iterator<Tuple2<LongWritable, Text>> lines, ColumnMapping columns) {
        ObjectMapper mapper = new ObjectMapper();
        return new Iterator<>() {
            private InputRecord next = advance();

            private InputRecord advance() {
                while (lines.hasNext()) {
                    Tuple2<LongWritable, Text> line = lines.next();
                    // Hadoop reuses the Text object: decode it before moving on.
                    String text = line._2().toString();
                    if (!text.isBlank()) {
                        return parseLine(mapper, text, InputRef.byteOffset(file, line._1().get()), columns);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public InputRecord next() {
                InputRecord current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Parses one line; never throws. */
    static InputRecord parseLine(ObjectMapper mapper, String text, InputRef ref, ColumnMapping columns) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return InputRecord.malformed(null, ref, "not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return InputRecord.malformed(null, ref, "not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String id = idField(node, columns.articleId(), problems);
        String title = textField(node, columns.title(), problems);
        String body = textField(node, columns.body(), problems);
        String url = textField(node, columns.url(), problems);
        String source = textField(node, columns.source(), problems);
        String published = textField(node, columns.publishedAt(), problems);
        if (!problems.isEmpty()) {
            return InputRecord.malformed(id, ref, "wrong types: " + String.join("; ", problems));
        }
        return new InputRecord(id, title, body, url, source, published, ref, null);
    }

    private static String idField(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            String id = value.asText().trim();
            return id.isEmpty() ? null : id;
        }
        problems.add("'" + field + "' is " + value.getNodeType().name().toLowerCase() + ", expected string");
        return null;
    }

    private static String textField(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        problems.add("'" + field + "' is " + value.getNodeType().name().toLowerCase() + ", expected string");
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
