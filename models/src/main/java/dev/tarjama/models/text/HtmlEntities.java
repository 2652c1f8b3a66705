package dev.tarjama.models.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes HTML character references: numeric ones and the named ones news pages actually use. */
final class HtmlEntities {

    private static final Pattern REFERENCE =
            Pattern.compile("&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));");

    // Not the full HTML5 table (2,000+ names): scraped news uses a few dozen. Unknown names are left
    // as they are, which is visible and harmless.
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"),
            Map.entry("ensp", "\u2002"), Map.entry("emsp", "\u2003"), Map.entry("thinsp", "\u2009"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("lsaquo", "‹"), Map.entry("rsaquo", "›"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("bdquo", "„"),
            Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("sbquo", "‚"),
            Map.entry("hellip", "…"), Map.entry("mdash", "—"), Map.entry("ndash", "–"),
            Map.entry("minus", "−"), Map.entry("middot", "·"), Map.entry("bull", "•"),
            Map.entry("shy", "\u00AD"), Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"),
            Map.entry("lrm", "\u200E"), Map.entry("rlm", "\u200F"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"),
            Map.entry("deg", "°"), Map.entry("times", "×"), Map.entry("divide", "÷"),
            Map.entry("plusmn", "±"), Map.entry("frac12", "½"), Map.entry("frac14", "¼"), Map.entry("frac34", "¾"),
            Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("yen", "¥"), Map.entry("cent", "¢"),
            Map.entry("sect", "§"), Map.entry("para", "¶"), Map.entry("percnt", "%"),
            Map.entry("iexcl", "¡"), Map.entry("iquest", "¿"), Map.entry("prime", "′"), Map.entry("Prime", "″"));

    // HTML5 decodes &#128;-&#159; as windows-1252, because that is what old pages meant by them.
    private static final String WINDOWS_1252_80_9F =
            "€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ";

    private HtmlEntities() {}

    /** Decodes references once (so {@code &amp;lt;} becomes the text {@code &lt;}, as a browser shows it). */
    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            String replacement = replacement(m);
            if (replacement == null) {
                continue;
            }
            out.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    private static String replacement(Matcher m) {
        if (m.group(3) != null) {
            return NAMED.get(m.group(3));
        }
        int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        if (cp >= 0x80 && cp <= 0x9F) {
            return String.valueOf(WINDOWS_1252_80_9F.charAt(cp - 0x80));
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            return "\uFFFD";
        }
        return new String(Character.toChars(cp));
    }
}
