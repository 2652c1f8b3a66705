package dev.tarjama.jobs.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads a folder of {@code .txt} files, one article per file: the first non-empty line is the
 * title, the rest the body. The id is the file name without {@code .txt}; a file that is not
 * valid UTF-8 becomes a malformed record with that id. Its {@code input_ref} is the file, relative
 * to the input root.
 */
public final class TextFolderReader {
    private TextFolderReader() {}

    /** The fields every record of a text folder has; no other input column can be mapped. */
    public static final List<String> FIELDS = List.of("id", "title", "body");

    public static JavaRDD<InputRecord> read(JavaSparkContext jsc, String path, InputRoot root) {
        return jsc.binaryFiles(path)
                .filter(file -> file._1().toLowerCase(Locale.ROOT).endsWith(".txt"))
                .map(file -> {
                    Path p = new Path(file._1());
                    return parse(p.getName(), root.relative(p), file._2().toArray());
                });
    }

    /** True when the folder holds at least one {@code .txt} file. */
    public static boolean hasTextFiles(JavaSparkContext jsc, String path) {
        return !jsc.binaryFiles(path).keys().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".txt")).isEmpty();
    }

    static InputRecord parse(String fileName, String relative, byte[] bytes) {
        String id = fileName.substring(0, fileName.length() - ".txt".length());
        InputRef ref = InputRef.wholeFile(relative);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return InputRecord.malformed(id, ref, "not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\\R", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        String title = first < lines.length ? lines[first].strip() : null;
        StringBuilder body = new StringBuilder();
        for (int i = first + 1; i < lines.length; i++) {
            body.append(lines[i]).append('\n');
        }
        return new InputRecord(id, title, body.toString().strip(), null, null, null, ref, null);
    }
}
