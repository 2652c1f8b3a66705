package dev.tarjama.models.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The tiny generated models under {@code models/tiny/} and their goldens. */
public final class TinyModels {

    public static final Path ROOT = Path.of("tiny").toAbsolutePath();
    public static final Path MARIAN_OPTIMUM = ROOT.resolve("marian-optimum");
    public static final Path MARIAN_XENOVA = ROOT.resolve("marian-xenova");
    public static final Path GOLDENS = ROOT.resolve("goldens");

    private TinyModels() {}

    /** The Marian golden cases: text and the reference input ids. */
    public record Case(String text, long[] inputIds) {}

    public static List<Case> marianCases() {
        try {
            JsonNode root = new ObjectMapper().readTree(GOLDENS.resolve("marian.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode ids = c.get("input_ids");
                long[] inputIds = new long[ids.size()];
                for (int i = 0; i < inputIds.length; i++) {
                    inputIds[i] = ids.get(i).asLong();
                }
                cases.add(new Case(c.get("text").asText(), inputIds));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a tiny model folder (recursively) into {@code target}. */
    public static Path copy(Path folder, Path target) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(folder.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
