package dev.tarjama.jobs.models;

import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.integrity.ArchiveExtractor;
import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.FolderLock;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a model that lives on a Hadoop-compatible file system ({@code hdfs://}, {@code s3a://},
 * {@code file://}, ...) onto the local disk of an executor host, once per host, and returns the
 * local folder. The source is a model folder with {@code manifest.json} (from {@code tarjama
 * models fetch --out} or {@code prepare}) or a zip from {@code tarjama models pack}.
 *
 * <ul>
 *   <li>Once per host: the local folder is named after the source's content (the sha256 of its
 *       manifest, or of the zip's path, length and modification time), so every executor JVM on
 *       the host finds the same folder, and a changed model gets a new one.</li>
 *   <li>No collisions: a lock file ({@link FolderLock}: {@code FileChannel.lock} between
 *       processes, a lock between threads) is held while checking and copying.</li>
 *   <li>Atomic: files are copied into a unique temporary sibling, verified against the manifest,
 *       marked complete, then renamed into place; a crash leaves only a temporary folder, which
 *       the next stager removes under the lock.</li>
 *   <li>Checked before use: a staged folder without the marker, or failing verification, is
 *       copied again; a source whose files do not match its own manifest is refused, naming the
 *       file. Full re-hashing of an already staged folder happens once per JVM; later calls check
 *       the marker and file sizes.</li>
 * </ul>
 */
public final class ModelStager {
    /** Written into a staged folder just before it is renamed into place. */
    public static final String MARKER = ".tarjama-staged";

    private static final Logger LOG = LoggerFactory.getLogger(ModelStager.class);
    private static final Set<Path> VERIFIED = ConcurrentHashMap.newKeySet();

    private final Path localRoot;
    private final Configuration conf;

    /**
     * A staged folder.
     *
     * @param folder local model folder, verified
     * @param copied true when this call copied it (false: it was already on this host)
     * @param manifest its manifest
     */
    public record Staged(Path folder, boolean copied, Manifest manifest) {}

    public ModelStager(Path localRoot, Configuration conf) {
        this.localRoot = localRoot.toAbsolutePath().normalize();
        this.conf = Objects.requireNonNull(conf);
    }

    /** A stager for this machine's own use (a zip given to {@code translate --model}), under {@link #defaultRoot()}. */
    public static ModelStager forLocalUse() {
        return new ModelStager(defaultRoot(), new Configuration());
    }

    /** {@code -Dtarjama.stage.dir}, else {@code $TARJAMA_STAGE_DIR}, else {@code java.io.tmpdir/tarjama-models}. */
    public static Path defaultRoot() {
        String dir = System.getProperty("tarjama.stage.dir", System.getenv("TARJAMA_STAGE_DIR"));
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "tarjama-models");
    }

    /**
     * The local folder for {@code modelUri}. A URI without a scheme is a local folder already:
     * it is verified and used in place.
     */
    public Staged stage(String modelUri) throws IOException {
        URI uri = URI.create(modelUri);
        if (uri.getScheme() == null) {
            Path local = Path.of(modelUri).toAbsolutePath();
            Manifest m = verifyOnce(local);
            return new Staged(local, false, m);
        }
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = source.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(source);
        } catch (java.io.FileNotFoundException e) {
            throw new HubException("model " + modelUri + " does not exist");
        }
        boolean zip = status.isFile() && source.getName().toLowerCase(Locale.ROOT).endsWith(".zip");
        if (status.isFile() && !zip) {
            throw new HubException(ModelPaths.notAZip(modelUri, source.getName()));
        }
        byte[] manifestBytes = zip ? null : readManifest(fs, source, modelUri);
        String key = safeName(source.getName()) + "-" + shortHash(zip
                ? (uri + "|" + status.getLen() + "|" + status.getModificationTime()).getBytes(StandardCharsets.UTF_8)
                : manifestBytes);
        Files.createDirectories(localRoot);
        Path target = localRoot.resolve(key);
        try (FolderLock lock = FolderLock.acquire(localRoot.resolve(".locks").resolve(key + ".lock"))) {
            removeLeftovers(key);
            if (Files.isDirectory(target)) {
                if (Files.isRegularFile(target.resolve(MARKER))) {
                    try {
                        return new Staged(target, false, verifyOnce(target));
                    } catch (ModelIntegrityException e) {
                        LOG.warn("staged copy {} failed verification ({}); copying it again", target, e.getMessage());
                    }
                } else {
                    LOG.warn("{} has no {} marker (an interrupted or foreign copy); copying it again", target, MARKER);
                }
                Path aside = AtomicFiles.uniqueSibling(target, ".stale");
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.deleteTree(aside);
                VERIFIED.remove(target);
            }
            Path tmp = AtomicFiles.uniqueSibling(target, ".incomplete");
            try {
                Manifest manifest = zip ? unzip(fs, source, tmp) : copy(fs, source, manifestBytes, tmp);
                Files.writeString(tmp.resolve(MARKER), modelUri + "\n" + Instant.now() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                VERIFIED.add(target);
                LOG.info("staged {} to {} ({} files)", modelUri, target, manifest.files().size());
                return new Staged(target, true, manifest);
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
        }
    }

    private static byte[] readManifest(FileSystem fs, org.apache.hadoop.fs.Path source, String uri) throws IOException {
        org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(source, Manifest.FILE_NAME);
        if (!fs.exists(manifest)) {
            throw new HubException("model " + uri + " has no " + Manifest.FILE_NAME + ": stage folders made by "
                    + "'tarjama models fetch --out' or 'tarjama models prepare', or a zip from 'tarjama models pack'");
        }
        try (InputStream in = fs.open(manifest)) {
            return in.readAllBytes();
        }
    }

    private static Manifest copy(FileSystem fs, org.apache.hadoop.fs.Path source, byte[] manifestBytes, Path tmp)
            throws IOException {
        Files.createDirectories(tmp);
        Files.write(tmp.resolve(Manifest.FILE_NAME), manifestBytes);
        Manifest manifest = Manifest.read(tmp);
        for (Manifest.Entry e : manifest.files()) {
            Path local = tmp.resolve(e.file()).normalize();
            if (!local.startsWith(tmp)) {
                throw new HubException("manifest of " + source + " names a file outside the folder: " + e.file());
            }
            Files.createDirectories(local.getParent());
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(source, e.file());
            try (InputStream in = fs.open(remote)) {
                Files.copy(in, local);
            } catch (java.io.FileNotFoundException missing) {
                throw new ModelIntegrityException(e.file(), "model " + source + " lacks " + e.file()
                        + ", which its manifest lists");
            }
        }
        return verifySource(tmp, source);
    }

    private static Manifest unzip(FileSystem fs, org.apache.hadoop.fs.Path source, Path tmp) throws IOException {
        Files.createDirectories(tmp);
        Path zip = tmp.resolve("model.zip");
        try (InputStream in = fs.open(source)) {
            Files.copy(in, zip);
        }
        Path unpacked = tmp.resolve("model");
        Manifest manifest;
        try {
            manifest = ArchiveExtractor.extract(zip, unpacked);
        } catch (ModelIntegrityException e) {
            if (!Manifest.FILE_NAME.equals(e.file())) {
                throw e;
            }
            throw new ModelIntegrityException(Manifest.FILE_NAME, "model " + source + " is a zip without Tarjama's "
                    + Manifest.FILE_NAME + " (not made by 'tarjama models pack'), so nothing can check what is in it:"
                    + " unzip it into a folder and give the folder (it loads unverified), or make the zip from a"
                    + " verified folder with 'tarjama models pack --dir DIR --out FILE.zip'");
        }
        Files.delete(zip);
        // The unpacked files move up one level so that tmp itself becomes the staged folder.
        try (DirectoryStream<Path> children = Files.newDirectoryStream(unpacked)) {
            for (Path child : children) {
                Files.move(child, tmp.resolve(child.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(unpacked);
        return manifest;
    }

    private static Manifest verifySource(Path tmp, org.apache.hadoop.fs.Path source) throws IOException {
        try {
            return ModelVerifier.verify(tmp);
        } catch (ModelIntegrityException e) {
            throw new ModelIntegrityException(e.file(), "model " + source + " does not match its own manifest: "
                    + e.file() + " differs (" + e.getMessage() + ")");
        }
    }

    /** Full verification the first time in this JVM; afterwards the marker and sizes. */
    private static Manifest verifyOnce(Path folder) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        if (!VERIFIED.contains(key)) {
            Manifest m = ModelVerifier.verify(key);
            VERIFIED.add(key);
            return m;
        }
        Manifest m = Manifest.read(key);
        for (Manifest.Entry e : m.files()) {
            Path f = key.resolve(e.file());
            if (!Files.isRegularFile(f) || Files.size(f) != e.size()) {
                VERIFIED.remove(key);
                return ModelVerifier.verify(key);
            }
        }
        return m;
    }

    /** Temporary folders of crashed stagers of this key; safe to remove while holding its lock. */
    private void removeLeftovers(String key) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(localRoot, "." + key + ".*")) {
            for (Path p : stream) {
                LOG.info("removing leftover {}", p);
                AtomicFiles.deleteTree(p);
            }
        }
    }

    /** Forgets which folders this JVM verified (tests). */
    static void forgetVerified() {
        VERIFIED.clear();
    }

    private static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            s = s.substring(0, s.length() - 4);
        }
        return s.isEmpty() || s.startsWith(".") ? "model" + s : s;
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
