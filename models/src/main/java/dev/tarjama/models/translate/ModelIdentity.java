package dev.tarjama.models.translate;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.integrity.Manifest;
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

    public static ModelIdentity of(ModelFolder folder) {
        Path root = folder.root();
        Path manifest = root.resolve(Manifest.FILE_NAME);
        String name = root.getFileName().toString();
        if (Files.isRegularFile(manifest)) {
            try {
                Manifest m = Manifest.read(root);
                String revision = m.commit() == null || m.commit().isEmpty() ? m.revision() : m.commit();
                if (m.repo() != null && !m.repo().isEmpty() && !"local".equals(m.repo())
                        && revision != null && !revision.isEmpty()) {
                    return new ModelIdentity(m.repo(), revision);
                }
                // A prepared local folder: name it after where it was prepared from, so a copy
                // staged on an executor (under another folder name) records the same model.
                if (m.source() != null && !m.source().isBlank()) {
                    String source = m.source().replaceAll("/+$", "");
                    name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf(':')) + 1);
                }
            } catch (IOException e) {
                throw new ModelLoadException(root, manifest, "unreadable manifest: " + e.getMessage());
            }
        }
        return new ModelIdentity(name, "local-" + fingerprint(folder));
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
