package dev.tarjama.jobs.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test inputs: shared news articles as canonical JSONL, and the messy records of the issue. */
public final class Inputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Inputs() {}

    /** The first {@code n} Wikinews articles of shared/data as canonical JSON lines. */
    public static List<String> wikinews(Path sharedData, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(sharedData.resolve("wikinews-ar-diacritized.jsonl"))) {
            if (out.size() == n) {
                break;
            }
            JsonNode node = JSON.readTree(line);
            ObjectNode article = JSON.createObjectNode();
            article.put("id", node.path("id").asText());
            article.put("title", node.path("title").asText());
            article.put("body", node.path("body").asText());
            article.put("url", node.path("url").asText(null));
            article.put("source", node.path("source").asText(null));
            article.put("published_at", node.path("published").asText(null));
            out.add(JSON.writeValueAsString(article));
        }
        return out;
    }

    /** {@code n} small made-up Arabic articles with ids {@code new-0..}, for incremental tests. */
    public static List<String> fresh(int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(line("new-" + i, "خبر جديد رقم " + i, "افتتحت البلدية اليوم حديقة عامة جديدة في الحي " + i
                    + ". وقال رئيس البلدية إن الحديقة ستفتح أبوابها يومياً."));
        }
        return out;
    }

    public static String line(String id, String title, String body) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (id != null) {
            m.put("id", id);
        }
        m.put("title", title);
        m.put("body", body);
        return JSON.writeValueAsString(m);
    }

    /**
     * The messy records, keyed by what the test expects as {@code status/reason}; the keys of
     * records without a usable id say how to find them.
     */
    public static Map<String, byte[]> messy() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("bad-json", "{\"id\": \"truncated\", \"title\": \"خبر".getBytes(StandardCharsets.UTF_8));
        m.put("not-json", "this line is not JSON at all".getBytes(StandardCharsets.UTF_8));
        m.put("not-object", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        m.put("invalid-utf8", new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b, (byte) 0xc3, 0x28, 0x7d});
        m.put("wrong-type", "{\"id\": \"wrong-type\", \"title\": \"عنوان\", \"body\": 42}".getBytes(StandardCharsets.UTF_8));
        m.put("null-body", utf8("{\"id\": \"null-body\", \"title\": \"الحكومة تعلن موازنة العام المقبل\", \"body\": null}"));
        m.put("empty", utf8(line("empty", "", "   ")));
        m.put("huge", utf8(line("huge", "خبر طويل جدا", "كلمة ".repeat(1_000_000))));
        m.put("binary", utf8(line("binary", "\u0001\u0002", garbage())));
        m.put("dup-1", utf8(line("dup", "وزير الصحة يزور المستشفى", "زار وزير الصحة المستشفى المركزي صباح اليوم.")));
        m.put("dup-2", utf8(line("dup", "نسخة ثانية", "نص مختلف للمعرف نفسه.")));
        m.put("english", utf8(line("english", "Storm hits coast", "A strong storm hit the coast on Monday.")));
        m.put("no-id", utf8(line(null, "مباراة ودية", "فاز المنتخب في مباراة ودية بثلاثة أهداف مقابل هدف.")));
        return m;
    }

    private static String garbage() {
        Random random = new Random(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int c = random.nextInt(40);
            s.append(c < 32 ? (char) c : '\uFFFD');
        }
        return s.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes lines (UTF-8 strings and raw byte lines) as one JSONL file. */
    public static Path writeJsonl(Path file, List<String> lines, Iterable<byte[]> rawLines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.write(utf8(line));
            out.write('\n');
        }
        for (byte[] raw : rawLines) {
            out.write(raw);
            out.write('\n');
        }
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        return file;
    }
}
