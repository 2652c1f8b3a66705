package dev.tarjama.models.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.onnx.ModelConfig;

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
    public static final Path BART_OPTIMUM = ROOT.resolve("bart-optimum");
    public static final Path BART_XENOVA = ROOT.resolve("bart-xenova");
    public static final Path GOLDENS = ROOT.resolve("goldens");

    private TinyModels() {}

    /** The tiny Marian's config (vocab size, pad id, ...), the same in both layouts. */
    public static ModelConfig marianConfig() {
        return ModelConfig.read(MARIAN_OPTIMUM.resolve("config.json"));
    }

    /**
     * A Marian golden case: text, the reference input ids, and the reference greedy output ids of
     * the {@code hf_default_like} setting.
     */
    public record Case(String text, long[] inputIds, long[] greedyIds) {}

    public static List<Case> marianCases() {
        try {
            JsonNode root = new ObjectMapper().readTree(GOLDENS.resolve("marian.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(c.get("text").asText(), longs(c.get("input_ids")),
                        longs(c.path("outputs").path("hf_default_like").path("greedy").path("ids"))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    /**
     * Copies a tiny model folder (recursively) into {@code target}, without its manifest: the copy
     * is a hand-made folder that tests may alter, so it loads unverified instead of being refused.
     */
    public static Path copy(Path folder, Path target) {
        return copy(folder, target, false);
    }

    /** Copies a folder with its manifest (as staging does): it verifies like the original. */
    public static Path copyWithManifest(Path folder, Path target) {
        return copy(folder, target, true);
    }

    private static Path copy(Path folder, Path target, boolean manifest) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                if (!manifest && source.equals(folder.resolve("manifest.json"))) {
                    continue;
                }
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
