package dev.tarjama.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.models.ModelLoadException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fixes {@code tokenizer.json} files that the native tokenizers library cannot take, before it
 * sees them: a panic in Rust can take the whole JVM down, so nothing it would panic on may reach it.
 *
 * <p>The one known case: transformers.js (Xenova) Marian files carry {@code {"type":
 * "Precompiled", "precompiled_charsmap": null}}. transformers.js reads that as SentencePiece's
 * default {@code nmt_nfkc} rule; the repair writes the same rule with standard normalizers (see
 * {@link #nmtNfkc()} and docs/models.md).
 */
final class TokenizerRepair {

    private static final Logger LOG = LoggerFactory.getLogger(TokenizerRepair.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where repaired copies go; override with {@code -Dtarjama.cache.dir=DIR}. */
    static final String CACHE_PROPERTY = "tarjama.cache.dir";

    /** Bumped whenever the repair changes, so that stale copies are not reused. */
    private static final String REPAIR_VERSION = "r1";

    private TokenizerRepair() {}

    /** The parsed file and the file to hand to the native library (the original or a repaired copy). */
    record Checked(JsonNode json, Path file, boolean repaired) {}

    static Checked check(Path tokenizerJson) {
        Path folder = tokenizerJson.toAbsolutePath().getParent();
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelLoadException(folder, tokenizerJson, "missing tokenizer.json (Optimum Marian exports"
                    + " carry only source.spm/target.spm/vocab.json: convert them to tokenizer.json first)");
        }
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(tokenizerJson);
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ModelLoadException(folder, tokenizerJson, "not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw new ModelLoadException(folder, tokenizerJson, "not a tokenizers file: no \"model\" object");
        }
        ObjectNode object = (ObjectNode) root;
        JsonNode normalizer = object.get("normalizer");
        if (normalizer == null || !containsNullPrecompiled(normalizer)) {
            return new Checked(root, tokenizerJson, false);
        }
        object.set("normalizer", replaceNullPrecompiled(normalizer));
        Path copy = writeCopy(folder, tokenizerJson, bytes, object);
        LOG.warn("{}: normalizer Precompiled has a null precompiled_charsmap, which makes the native tokenizers"
                + " library panic; using a repaired copy {} whose normalizer is SentencePiece's nmt_nfkc rule"
                + " written out (control characters removed, odd spaces to ' ', NFKC)", tokenizerJson, copy);
        return new Checked(root, copy, true);
    }

    static boolean containsNullPrecompiled(JsonNode normalizer) {
        if (normalizer == null || !normalizer.isObject()) {
            return false;
        }
        if ("Precompiled".equals(normalizer.path("type").asText())) {
            JsonNode charsmap = normalizer.get("precompiled_charsmap");
            return charsmap == null || charsmap.isNull() || (charsmap.isTextual() && charsmap.asText().isEmpty());
        }
        for (JsonNode child : normalizer.path("normalizers")) {
            if (containsNullPrecompiled(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode replaceNullPrecompiled(JsonNode normalizer) {
        if (normalizer.path("normalizers").isArray()) {
            ArrayNode children = JsonNodeFactory.instance.arrayNode();
            for (JsonNode child : normalizer.get("normalizers")) {
                children.add(replaceNullPrecompiled(child));
            }
            ((ObjectNode) normalizer).set("normalizers", children);
            return normalizer;
        }
        return containsNullPrecompiled(normalizer) ? nmtNfkc() : normalizer;
    }

    /**
     * SentencePiece's {@code nmt_nfkc} as transformers.js applies it for a Precompiled normalizer:
     * remove C0 control characters (but tab/newline/CR/FF), DEL and two C1 codes; map tab, newlines,
     * no-break and other Unicode spaces, zero-width and bidi marks (U+200B..U+200F), line/paragraph
     * separators, U+2581, BOM and U+FFFD to a plain space; then NFKC.
     */
    static ObjectNode nmtNfkc() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode sequence = f.objectNode();
        sequence.put("type", "Sequence");
        ArrayNode steps = sequence.putArray("normalizers");
        steps.add(replace(f, "[\u0001-\u0008\u000B\u000E-\u001F\u007F\u008F\u009F]", ""));
        steps.add(replace(f, "[\u0009\n\u000C\r\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u2581\u3000\uFEFF\uFFFD]",
                " "));
        ObjectNode nfkc = f.objectNode();
        nfkc.put("type", "NFKC");
        steps.add(nfkc);
        return sequence;
    }

    private static ObjectNode replace(JsonNodeFactory f, String regex, String content) {
        ObjectNode node = f.objectNode();
        node.put("type", "Replace");
        node.putObject("pattern").put("Regex", regex);
        node.put("content", content);
        return node;
    }

    private static Path writeCopy(Path folder, Path original, byte[] originalBytes, JsonNode repaired) {
        Path dir = cacheDir().resolve("tokenizers");
        Path target = dir.resolve(sha256(originalBytes) + "-" + REPAIR_VERSION + "-tokenizer.json");
        try {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "repair", ".json.tmp");
            Files.writeString(tmp, JSON.writeValueAsString(repaired), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new ModelLoadException(folder, original, "needs a repaired copy (null Precompiled charsmap) but "
                    + target + " cannot be written: " + e.getMessage(), e);
        }
    }

    static Path cacheDir() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "tarjama-cache");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
