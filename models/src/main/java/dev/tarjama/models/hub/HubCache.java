package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.HubSnapshot;
import dev.tarjama.models.integrity.RelativePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Hugging Face cache layout, shared with huggingface_hub:
 * {@code models--{org}--{name}/blobs/{etag}}, {@code snapshots/{commit}/{path}} (relative links
 * into blobs) and {@code refs/{revision}} (the commit a branch or tag pointed to). Tarjama adds
 * {@code manifest.json} to a snapshot once every file it fetched there is complete.
 */
public final class HubCache {
    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path repoFolder(String repo) {
        return root.resolve("models--" + repo.replace("/", "--"));
    }

    public Path blobs(String repo) {
        return repoFolder(repo).resolve("blobs");
    }

    public Path snapshot(String repo, String commit) {
        return repoFolder(repo).resolve("snapshots").resolve(commit);
    }

    /** Where Tarjama's manifest of a snapshot is kept. */
    public Path manifestFolder(String repo, String commit) {
        return HubSnapshot.at(repoFolder(repo), repo, commit).manifestFolder();
    }

    public Path ref(String repo, String revision) {
        return RelativePaths.resolve(repoFolder(repo).resolve("refs"), revision);
    }

    /** Lock file guarding fetches of one repository. */
    public Path lockFile(String repo) {
        return root.resolve(".locks").resolve(repoFolder(repo).getFileName()).resolve("tarjama.lock");
    }

    /** The commit a revision names here: itself for a commit id, else what {@code refs/} recorded. */
    public Optional<String> commitFor(String repo, String revision) throws IOException {
        if (Hashing.isSha1(revision)) {
            return Optional.of(revision);
        }
        Path ref = ref(repo, revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
        return Hashing.isSha1(commit) ? Optional.of(commit) : Optional.empty();
    }

    /** Records which commit a branch or tag resolved to, as huggingface_hub does. */
    void writeRef(String repo, String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = ref(repo, revision);
        Files.createDirectories(ref.getParent());
        AtomicFiles.write(ref, commit.getBytes(StandardCharsets.UTF_8));
    }
}
