package dev.tarjama.jobs.newsletter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks an article URL before it becomes a link: only absolute {@code http}/{@code https} URLs with
 * a host are kept; {@code javascript:}, {@code data:}, relative and malformed URLs are refused, and
 * the newsletter then shows no link. A kept URL is re-encoded so that it is safe inside a Markdown
 * link destination as it is ({@code ( ) < > \} spaces, quotes and backticks percent-encoded); the
 * HTML template still attribute-escapes it.
 */
public final class SafeLink {
    private SafeLink() {}

    /** The URL to link to, or empty when {@code url} may not be linked. */
    public static Optional<String> href(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String trimmed = url.strip();
        if (trimmed.isEmpty() || trimmed.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        String encoded = encode(trimmed);
        URI uri;
        try {
            uri = new URI(encoded);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(encoded);
    }

    /** Percent-encodes what may not stand in a URI or a Markdown link destination; keeps existing escapes. */
    private static String encode(String url) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        for (byte b : url.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c > 0x20 && c < 0x7f && "<>\"'`()\\ {}|^[]".indexOf(c) < 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
