package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a model folder's files before they are used. Three kinds of folder (see
 * {@link Verification}): one with Tarjama's {@code manifest.json} is re-hashed against it; a
 * Hugging Face cache snapshot is checked file by file against the hash its blob is named by
 * ({@link HubSnapshot}); a folder with neither can only be loaded unverified, with a warning.
 * A file that fails is refused with a message naming it.
 */
public final class ModelVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(ModelVerifier.class);

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

    /** Verifies every file of the folder; returns the manifest describing them. */
    public static Manifest verify(Path folder) throws IOException {
        return verify(folder, List.of());
    }

    /**
     * Verifies every file, and that {@code required} files are among them. A folder that cannot
     * be checked (no manifest, or a snapshot holding copies instead of links) is refused.
     */
    public static Manifest verify(Path folder, Collection<String> required) throws IOException {
        Result r = examine(folder, required);
        if (r.description() == null) {
            throw new ModelIntegrityException(Manifest.FILE_NAME, noManifest(folder));
        }
        if (r.problems().isEmpty() && !r.unverifiable().isEmpty()) {
            throw new ModelIntegrityException(r.unverifiable().get(0), "model folder " + folder + " cannot be verified: "
                    + r.unverifiable() + (r.unverifiable().size() == 1 ? " is a copy" : " are copies")
                    + ", not links into blobs/, and no manifest records them. Fetch it again with 'tarjama models fetch'");
        }
        throwIfAny(folder, r.problems());
        return r.description();
    }

    /** Every problem, without throwing; a folder that cannot be checked is one problem. */
    public static List<Problem> problems(Path folder, Collection<String> required) throws IOException {
        Result r = examine(folder, required);
        if (r.description() == null) {
            return List.of(new Problem(Manifest.FILE_NAME, "missing: " + noManifest(folder)));
        }
        List<Problem> all = new ArrayList<>(r.problems());
        r.unverifiable().forEach(f -> all.add(new Problem(f, "a copy that no manifest records (cannot be checked)")));
        return all;
    }

    /**
     * The check before a model is loaded: a folder with a manifest, or a cache snapshot, must
     * verify (else {@link ModelIntegrityException}); a folder that nothing describes is allowed,
     * with a warning, and reported as {@link Verification#UNVERIFIED}.
     */
    public static Verification verifyForLoad(Path folder) throws IOException {
        Result r = examine(folder, List.of());
        throwIfAny(folder, r.problems());
        if (r.kind() == Verification.UNVERIFIED) {
            LOG.warn("model folder {} {}: loading it UNVERIFIED (nothing checks that its files are the ones"
                    + " published; the run report records verification=unverified). For a checked copy: 'tarjama"
                    + " models prepare --dir {} --out DIR'", folder, r.unverifiable().isEmpty()
                    ? "has no " + Manifest.FILE_NAME : "holds copies no manifest records: " + r.unverifiable(), folder);
        }
        return r.kind();
    }

    /**
     * What the folder says about itself, without re-reading any file a manifest or blob name
     * describes: the recorded manifest, a cache snapshot's repository and commit, or (for an
     * unverified folder) sha256s from {@link FileHashes}. {@link #verifyForLoad} checks the claim.
     */
    public static FolderCheck describe(Path folder) throws IOException {
        var snapshot = HubSnapshot.of(folder);
        if (snapshot.isPresent()) {
            HubSnapshot s = snapshot.get();
            boolean copies = SnapshotCheck.hasCopies(s);
            Manifest recorded = Manifest.exists(s.manifestFolder()) ? Manifest.read(s.manifestFolder()) : null;
            Manifest m = new Manifest(s.repo(), s.commit(), s.commit(), recorded == null ? "" : recorded.fetchedAt(),
                    recorded == null ? SnapshotCheck.SOURCE : recorded.source(), recorded == null ? List.of()
                    : recorded.files());
            return new FolderCheck(folder, copies && recorded == null ? Verification.UNVERIFIED : Verification.HUB_CACHE,
                    m);
        }
        if (Manifest.exists(folder)) {
            return new FolderCheck(folder, Verification.MANIFEST, Manifest.read(folder));
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String f : ModelFolders.files(folder)) {
            Path p = folder.resolve(f);
            entries.add(new Manifest.Entry(f, Files.size(p), FileHashes.sha256(p), null));
        }
        return new FolderCheck(folder, Verification.UNVERIFIED,
                new Manifest("local", "", "", "", folder.toAbsolutePath().normalize().toString(), entries));
    }

    /**
     * How the folder would be checked at load, without reading any file's bytes (for a report):
     * a cache snapshot of links, a folder with a manifest, or neither.
     */
    public static Verification kind(Path folder) throws IOException {
        var snapshot = HubSnapshot.of(folder);
        if (snapshot.isPresent()) {
            HubSnapshot s = snapshot.get();
            return SnapshotCheck.hasCopies(s) && !Manifest.exists(s.manifestFolder()) ? Verification.UNVERIFIED
                    : Verification.HUB_CACHE;
        }
        return Manifest.exists(folder) ? Verification.MANIFEST : Verification.UNVERIFIED;
    }

    /** Every problem of the listed files against {@code manifest}; a missing manifest is the caller's concern. */
    public static List<Problem> check(Path folder, Manifest manifest, Collection<String> required) throws IOException {
        List<Problem> problems = new ArrayList<>();
        for (String r : required) {
            if (manifest.entry(r).isEmpty()) {
                problems.add(new Problem(r, "not in " + Manifest.FILE_NAME + " (never fetched into this folder)"));
            }
        }
        for (Manifest.Entry e : manifest.files()) {
            Problem p = checkFile(folder, e);
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** One file against its manifest entry; null when it matches. */
    static Problem checkFile(Path folder, Manifest.Entry e) throws IOException {
        Path file = RelativePaths.resolve(folder, e.file());
        if (!Files.isRegularFile(file)) {
            return new Problem(e.file(), Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? "not a regular file (dangling link?)" : "missing");
        }
        long size = Files.size(file);
        if (size != e.size()) {
            return new Problem(e.file(), "size " + size + " bytes, manifest says " + e.size()
                    + " (altered or truncated after it was fetched)");
        }
        String sha = Hashing.sha256(file);
        if (!sha.equals(e.sha256())) {
            return new Problem(e.file(), "sha256 " + sha + " does not match the manifest's " + e.sha256()
                    + " (altered after it was fetched)");
        }
        return null;
    }

    private static String noManifest(Path folder) {
        return folder + " has no " + Manifest.FILE_NAME + ": it was not completed by 'tarjama models fetch' or"
                + " 'prepare' (or the fetch was interrupted)";
    }

    private static void throwIfAny(Path folder, List<Problem> problems) throws ModelIntegrityException {
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String all = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            throw new ModelIntegrityException(first.file(), "model folder " + folder + " failed verification: " + all
                    + ". Refusing to use it: fetch it again ('tarjama models fetch') or restore the original files");
        }
    }

    /**
     * The outcome of one examination.
     *
     * @param kind how the folder's files are checked
     * @param problems files that failed
     * @param unverifiable files of a snapshot that are copies no manifest records
     * @param description the manifest describing the files; null for a folder without one
     */
    record Result(Verification kind, List<Problem> problems, List<String> unverifiable, Manifest description) {}

    private static Result examine(Path folder, Collection<String> required) throws IOException {
        var snapshot = HubSnapshot.of(folder);
        if (snapshot.isPresent()) {
            return SnapshotCheck.examine(snapshot.get(), required);
        }
        if (!Files.isDirectory(folder)) {
            throw ModelIntegrityException.ofFolder("model folder " + folder + " does not exist");
        }
        if (!Manifest.exists(folder)) {
            return new Result(Verification.UNVERIFIED, List.of(), List.of(), null);
        }
        Manifest manifest = Manifest.read(folder);
        return new Result(Verification.MANIFEST, check(folder, manifest, required), List.of(), manifest);
    }
}
