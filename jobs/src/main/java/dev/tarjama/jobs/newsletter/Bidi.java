package dev.tarjama.jobs.newsletter;

import java.util.regex.Pattern;

/**
 * Keeps a value's text direction to itself. Scraped fields carry explicit directional formatting
 * characters (embeddings U+202A/B, overrides U+202D/E, isolates U+2066-2069, their terminator
 * U+202C); an unterminated U+202E in a source name reversed the rest of the line it was placed in.
 * They are removed from every value the newsletter shows; the templates then isolate each value
 * ({@code <bdi>}, {@code dir} attributes), so an Arabic name does not reorder the text around it.
 * The implicit marks (LRM, RLM, ALM) stay: they cannot reverse anything beyond themselves.
 */
public final class Bidi {
    private static final Pattern CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private Bidi() {}

    /** {@code text} without explicit directional formatting characters; null stays null. */
    public static String clean(String text) {
        return text == null ? null : CONTROLS.matcher(text).replaceAll("");
    }
}
