package dev.tarjama.jobs.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * {@code file@offset} (stable for a given file, and computable in parallel splits, unlike a line
 * number). Blank lines are not records.
 */
public final class JsonLinesReader {
    private JsonLinesReader() {}

    public static JavaRDD<InputRecord> read(JavaSparkContext jsc, String path, ColumnMapping columns) {
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        conf.setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
        return lines.mapPartitionsWithInputSplit(
                (split, iterator) -> parse(fileName(split), iterator, columns), false);
    }

    private static String fileName(InputSplit split) {
        return split instanceof FileSplit fileSplit ? fileSplit.getPath().getName() : "input";
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
                        return parseLine(mapper, text, file + "@" + line._1().get(), columns);
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
    static InputRecord parseLine(ObjectMapper mapper, String text, String ref, ColumnMapping columns) {
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
