package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Re-hashes a model folder against its {@code manifest.json}. A folder without a manifest, a
 * missing file, a changed size or a changed sha256 is refused with a message naming the file.
 */
public final class ModelVerifier {

    /**
     * One file that failed.
     *
     * @param file path relative to the model folder
     * @param reason what is wrong, in words
     */
    public record Problem(String file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    private ModelVerifier() {}

    /** Verifies every file the manifest lists; returns the manifest. */
    public static Manifest verify(Path folder) throws IOException {
        return verify(folder, List.of());
    }

    /** Verifies every listed file, and that {@code required} files are among them. */
    public static Manifest verify(Path folder, Collection<String> required) throws IOException {
        Manifest manifest = Manifest.read(folder);
        List<Problem> problems = check(folder, manifest, required);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String all = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            throw new ModelIntegrityException(first.file(), "model folder " + folder + " failed verification: " + all
                    + ". Refusing to use it: fetch it again ('tarjama models fetch') or restore the original files");
        }
        return manifest;
    }

    /** Every problem, without throwing; a missing manifest is the caller's concern. */
    public static List<Problem> check(Path folder, Manifest manifest, Collection<String> required) throws IOException {
        List<Problem> problems = new ArrayList<>();
        for (String r : required) {
            if (manifest.entry(r).isEmpty()) {
                problems.add(new Problem(r, "not in " + Manifest.FILE_NAME + " (never fetched into this folder)"));
            }
        }
        for (Manifest.Entry e : manifest.files()) {
            Path file = RelativePaths.resolve(folder, e.file());
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(e.file(), Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? "not a regular file (dangling link?)" : "missing"));
                continue;
            }
            long size = Files.size(file);
            if (size != e.size()) {
                problems.add(new Problem(e.file(), "size " + size + " bytes, manifest says " + e.size()
                        + " (altered or truncated after it was fetched)"));
                continue;
            }
            String sha = Hashing.sha256(file);
            if (!sha.equals(e.sha256())) {
                problems.add(new Problem(e.file(), "sha256 " + sha + " does not match the manifest's " + e.sha256()
                        + " (altered after it was fetched)"));
            }
        }
        return problems;
    }
}
