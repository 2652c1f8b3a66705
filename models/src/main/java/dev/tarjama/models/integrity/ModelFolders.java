package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Listing, copying and describing the files of a model folder (links followed, manifest excluded). */
public final class ModelFolders {
    private ModelFolders() {}

    /** Relative '/'-separated paths of the regular files under {@code folder}, sorted, without the manifest. */
    public static List<String> files(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(Manifest.FILE_NAME) && !rel.startsWith(".")) {
                    out.add(rel);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Copies the files (content, not links) into {@code target}, which must exist. */
    public static void copy(Path folder, List<String> files, Path target) throws IOException {
        for (String f : files) {
            Path to = RelativePaths.resolve(target, f);
            Files.createDirectories(to.getParent());
            Files.copy(RelativePaths.resolve(folder, f), to);
        }
    }

    /** A manifest describing every file now in {@code folder}. */
    public static Manifest describe(Path folder, String repo, String revision, String commit, String source)
            throws IOException {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String f : files(folder)) {
            Path p = folder.resolve(f);
            entries.add(new Manifest.Entry(f, Files.size(p), Hashing.sha256(p), null));
        }
        return new Manifest(repo, revision, commit, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), source,
                entries);
    }
}
