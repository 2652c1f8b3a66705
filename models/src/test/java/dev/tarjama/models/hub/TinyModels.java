package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the committed tiny models ({@code models/tiny}) and {@code shared/data} from the working directory. */
final class TinyModels {
    private TinyModels() {}

    static Path folder(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models").resolve("tiny").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("tiny").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("models/tiny/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** A file of {@code shared/data}, or a skipped test when it is absent. */
    static Path sharedData(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data/" + name + " not found");
        return null;
    }
}
