package dev.tarjama.models.integrity;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A snapshot folder of the Hugging Face cache, {@code <cache>/models--<org>--<name>/snapshots/<commit>},
 * as huggingface_hub writes it: each file is a relative link into {@code ../blobs/<name>}, where
 * the blob is named by the file's sha256 (LFS files) or git blob sha1 (regular files), so the
 * folder can be checked without any file of Tarjama's.
 *
 * <p>Tarjama's own manifest for a snapshot lives beside the snapshots, in
 * {@code models--<org>--<name>/.tarjama/<commit>/manifest.json}: huggingface_hub reads only
 * {@code blobs/}, {@code refs/} and {@code snapshots/} of a repository folder (its cache scan
 * ignores anything else, as it does its own {@code .no_exist/}), so the manifest is neither
 * counted as a repository file nor in the way of a repository's real {@code manifest.json}.
 *
 * @param repoFolder {@code models--<org>--<name>}
 * @param repo the repository id, {@code org/name}
 * @param commit the snapshot's commit id (its folder name)
 * @param folder the snapshot folder
 */
public record HubSnapshot(Path repoFolder, String repo, String commit, Path folder) {
    /** The repository folder's sub-folder for Tarjama's files. */
    public static final String TARJAMA_DIR = ".tarjama";

    /** The snapshot {@code folder} belongs to, when it is one (decided by the path's shape alone). */
    public static Optional<HubSnapshot> of(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        Path snapshots = f.getParent();
        if (snapshots == null || snapshots.getFileName() == null || !snapshots.getFileName().toString().equals("snapshots")
                || !Hashing.isSha1(f.getFileName().toString())) {
            return Optional.empty();
        }
        Path repoFolder = snapshots.getParent();
        String name = repoFolder == null || repoFolder.getFileName() == null ? "" : repoFolder.getFileName().toString();
        if (!name.startsWith("models--") || name.length() <= "models--".length()) {
            return Optional.empty();
        }
        String repo = name.substring("models--".length()).replaceFirst("--", "/");
        return Optional.of(new HubSnapshot(repoFolder, repo, f.getFileName().toString(), f));
    }

    /** The snapshot of {@code commit} in the repository folder {@code repoFolder}. */
    public static HubSnapshot at(Path repoFolder, String repo, String commit) {
        return new HubSnapshot(repoFolder, repo, commit, repoFolder.resolve("snapshots").resolve(commit));
    }

    public Path blobs() {
        return repoFolder.resolve("blobs");
    }

    /** Where Tarjama's manifest of this snapshot is kept (a folder holding {@link Manifest#FILE_NAME}). */
    public Path manifestFolder() {
        return repoFolder.resolve(TARJAMA_DIR).resolve(commit);
    }
}
