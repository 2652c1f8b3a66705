package dev.tarjama.models.translate;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.integrity.FolderCheck;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.Verification;
import dev.tarjama.models.onnx.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The name and revision recorded in every output row, and how the folder was verified. Both come
 * from the hashes of the folder's files, so incremental runs notice any changed model:
 *
 * <ul>
 *   <li>a fetched model (manifest with a hub repository, or a Hugging Face cache snapshot): the
 *       repository and the commit, whose files the load verified;</li>
 *   <li>any other folder: its name (for a prepared folder, the folder it was prepared from, so a
 *       copy staged under another name records the same model) and {@code local-} plus a digest of
 *       every file's path and sha256, from the manifest, or for a folder without one computed once
 *       and cached by path, size and times ({@link dev.tarjama.models.integrity.FileHashes}).</li>
 * </ul>
 *
 * @param name the model's name (a hub repository, or a folder name)
 * @param revision a commit id, or {@code local-<12 hex>}
 * @param verification how the folder's files are checked before load; {@code unverified} goes in the report
 */
public record ModelIdentity(String name, String revision, Verification verification) {

    public static ModelIdentity of(ModelFolder folder) {
        return of(folder.root());
    }

    /** The identity of the model folder {@code root}. */
    public static ModelIdentity of(Path root) {
        FolderCheck check;
        try {
            check = ModelVerifier.describe(root);
        } catch (IOException e) {
            throw new ModelLoadException(root, root.resolve(Manifest.FILE_NAME), "cannot identify the model: "
                    + e.getMessage(), e);
        }
        Manifest m = check.manifest();
        String revision = m.commit() == null || m.commit().isEmpty() ? m.revision() : m.commit();
        if (m.repo() != null && !m.repo().isEmpty() && !"local".equals(m.repo())
                && revision != null && !revision.isEmpty()) {
            return new ModelIdentity(m.repo(), revision, check.verification());
        }
        String name = root.toAbsolutePath().normalize().getFileName().toString();
        if (check.verification() == Verification.MANIFEST && m.source() != null && !m.source().isBlank()) {
            String source = m.source().replaceAll("/+$", "");
            name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf(':')) + 1);
        }
        return new ModelIdentity(name, "local-" + digest(m), check.verification());
    }

    /** The first 12 hex of a sha256 over every file's path and sha256, in path order. */
    private static String digest(Manifest m) {
        MessageDigest md = Hashing.newDigest("SHA-256");
        for (Manifest.Entry e : m.files()) {
            md.update((e.file() + "\t" + e.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Hashing.hex(md.digest()).substring(0, 12);
    }
}
