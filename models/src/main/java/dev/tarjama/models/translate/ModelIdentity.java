package dev.tarjama.models.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.onnx.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The name and revision recorded in every output row: the hub repository and commit from the
 * folder's {@code manifest.json} when it was fetched, else the folder name and a fingerprint of
 * its files, so that incremental runs notice a changed model either way.
 */
public record ModelIdentity(String name, String revision) {

    static final String MANIFEST = "manifest.json";

    public static ModelIdentity of(ModelFolder folder) {
        Path root = folder.root();
        Path manifest = root.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            try {
                JsonNode json = new ObjectMapper().readTree(manifest.toFile());
                String repo = json.path("repo").asText("");
                String revision = json.path("revision").asText("");
                if (!repo.isEmpty() && !revision.isEmpty()) {
                    return new ModelIdentity(repo, revision);
                }
            } catch (IOException e) {
                throw new ModelLoadException(root, manifest, "unreadable manifest: " + e.getMessage());
            }
        }
        return new ModelIdentity(root.getFileName().toString(), "local-" + fingerprint(folder));
    }

    /** Hash of the small JSON files' bytes and the ONNX files' names and sizes (hashing weights is slow). */
    private static String fingerprint(ModelFolder folder) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path json : new Path[] {folder.config(), folder.generationConfig(), folder.tokenizer()}) {
                if (json != null && Files.isRegularFile(json)) {
                    digest.update(Files.readAllBytes(json));
                }
            }
            try (Stream<Path> files = Files.list(folder.onnxDir())) {
                for (Path onnx : files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList()) {
                    digest.update((onnx.getFileName() + ":" + Files.size(onnx) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new ModelLoadException(folder.root(), null, "cannot fingerprint model files: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
