package dev.tarjama.jobs.prepare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * SHA-256 of an article's title and body after Unicode NFC and whitespace folding, so that
 * re-scraped copies that differ only in spacing hash the same; letter forms and diacritics are
 * kept, since they change what the model sees.
 */
public final class ContentHash {
    private ContentHash() {}

    public static String of(String title, String body) {
        return sha256(fold(title) + "\u0000" + fold(body));
    }

    /** A stable article id for a record without one: {@code h-} and the first 20 hex digits of the hash. */
    public static String idFor(String contentHash) {
        return "h-" + contentHash.substring(0, 20);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }
}
