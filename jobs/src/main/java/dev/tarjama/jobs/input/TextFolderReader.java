package dev.tarjama.jobs.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads a folder of {@code .txt} files, one article per file: the first non-empty line is the
 * title, the rest the body. The id is the file name without {@code .txt}; a file that is not
 * valid UTF-8 becomes a malformed record with that id.
 */
public final class TextFolderReader {
    private TextFolderReader() {}

    public static JavaRDD<InputRecord> read(JavaSparkContext jsc, String path) {
        return jsc.binaryFiles(path)
                .filter(file -> file._1().toLowerCase(Locale.ROOT).endsWith(".txt"))
                .map(file -> {
                    String name = file._1().substring(file._1().lastIndexOf('/') + 1);
                    return parse(name, file._2().toArray());
                });
    }

    static InputRecord parse(String fileName, byte[] bytes) {
        String id = fileName.substring(0, fileName.length() - ".txt".length());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return InputRecord.malformed(id, fileName, "not UTF-8 text");
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
        return new InputRecord(id, title, body.toString().strip(), null, null, null, fileName, null);
    }
}
