package dev.tarjama.jobs.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository root and the shared development data from the test's working directory. */
public final class TestPaths {
    private TestPaths() {}

    /** The repository root: the nearest folder up with {@code conf/} and a {@code jobs/pom.xml}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jobs/pom.xml")) && Files.isDirectory(p.resolve("models"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    /** A bundled tiny model folder, {@code models/tiny/<name>}. */
    public static Path tinyModel(String name) {
        return repoRoot().resolve("models/tiny").resolve(name);
    }

    /**
     * A copy of a bundled tiny model without its manifest, as a local export or a hand-made
     * folder would be: it loads unverified, and tests may alter it.
     */
    public static Path handMadeCopy(String name, Path target) throws java.io.IOException {
        Path src = tinyModel(name);
        try (java.util.stream.Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().equals("manifest.json")) {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }

    /** {@code shared/data} of the nearest folder up that has one. */
    public static Optional<Path> sharedData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path data = p.resolve("shared/data");
            if (Files.isDirectory(data)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
