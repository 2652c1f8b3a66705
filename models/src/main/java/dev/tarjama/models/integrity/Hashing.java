package dev.tarjama.models.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** File digests the hub announces: sha256 for LFS files, git's blob sha1 for small files. */
public final class Hashing {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    private Hashing() {}

    public static String sha256(Path file) throws IOException {
        return hex(digest("SHA-256", file, null));
    }

    /** {@code git hash-object}: sha1 over {@code "blob <size>\0"} then the content. */
    public static String gitBlobSha1(Path file) throws IOException {
        String header = "blob " + Files.size(file) + "\0";
        return hex(digest("SHA-1", file, header.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * sha256 and git's blob sha1 of one file in a single read (huggingface_hub names a small file's
     * blob by the second, and Tarjama's manifest records the first).
     *
     * @param sha256 hex sha256 of the content
     * @param gitSha1 hex sha1 over {@code "blob <size>\0"} then the content
     */
    public record Both(String sha256, String gitSha1) {}

    public static Both sha256AndGitSha1(Path file) throws IOException {
        MessageDigest sha256 = newDigest("SHA-256");
        MessageDigest sha1 = newDigest("SHA-1");
        sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                sha1.update(buffer, 0, n);
            }
        }
        return new Both(hex(sha256.digest()), hex(sha1.digest()));
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    public static boolean isSha1(String s) {
        return s != null && SHA1.matcher(s).matches();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static byte[] digest(String algorithm, Path file, byte[] prefix) throws IOException {
        MessageDigest md = newDigest(algorithm);
        if (prefix != null) {
            md.update(prefix);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }
}
