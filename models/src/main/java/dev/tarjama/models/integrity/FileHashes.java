package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * sha256 of files that no manifest describes (the identity of an unverified model folder),
 * computed once and then reused while the file's path, size, modification time, change time and
 * inode stay the same: in this JVM from memory, across runs from
 * {@code <tarjama.cache.dir>/file-hashes/} (default {@code ${java.io.tmpdir}/tarjama-cache}).
 *
 * <p>The change time ({@code unix:ctime}) is part of the key where the file system has one: it is
 * set by the kernel on every write and cannot be set back by a user, so a file rewritten in place
 * at the same size with its modification time restored still gets hashed again. Verification
 * against a manifest or a blob name never uses this cache: it always reads the bytes.
 */
public final class FileHashes {
    /** The system property naming Tarjama's cache folder (shared with the tokenizer repair). */
    public static final String CACHE_PROPERTY = "tarjama.cache.dir";

    private static final Map<String, String> MEMORY = new ConcurrentHashMap<>();

    private FileHashes() {}

    /** The sha256 of {@code file}, from the cache when the file has not changed since it was hashed. */
    public static String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String key = key(abs);
        String cached = MEMORY.get(key);
        if (cached != null) {
            return cached;
        }
        Path record = cacheDir().resolve("file-hashes").resolve(Hashing.hex(Hashing.newDigest("SHA-256")
                .digest(abs.toString().getBytes(StandardCharsets.UTF_8))));
        String sha = fromDisk(record, key);
        if (sha == null) {
            sha = Hashing.sha256(abs);
            if (!key.equals(key(abs))) {
                // Changed while it was read: hash it again next time rather than keep a mixed digest.
                return sha;
            }
            store(record, key, sha);
        }
        MEMORY.put(key, sha);
        return sha;
    }

    private static String key(Path abs) throws IOException {
        BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
        Object ctime = null;
        try {
            ctime = Files.getAttribute(abs, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException noUnixView) {
            // Not every file system has it; size, mtime and the file key remain.
        }
        return abs + "|" + a.size() + "|" + a.lastModifiedTime().toInstant() + "|" + ctime + "|"
                + Objects.toString(a.fileKey(), "");
    }

    private static String fromDisk(Path record, String key) {
        try {
            if (!Files.isRegularFile(record)) {
                return null;
            }
            String[] lines = Files.readString(record, StandardCharsets.UTF_8).split("\n");
            return lines.length >= 2 && lines[0].equals(key) && Hashing.isSha256(lines[1]) ? lines[1] : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static void store(Path record, String key, String sha) {
        try {
            Files.createDirectories(record.getParent());
            AtomicFiles.write(record, (key + "\n" + sha + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException notWritable) {
            // A read-only temp folder only costs hashing again next run.
        }
    }

    static Path cacheDir() {
        String dir = System.getProperty(CACHE_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Paths.get(dir);
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "tarjama-cache");
    }
}
