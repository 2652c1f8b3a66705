package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.HubSnapshot;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.RelativePaths;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Makes {@code snapshots/{commit}} show the fetched blobs as huggingface_hub does: relative links
 * ({@code ../../blobs/<etag>}, one more {@code ..} per sub-folder), copies only where links are
 * impossible. A new snapshot is built in a temporary sibling and renamed into place in one step;
 * links are added to an existing one (another precision, or a Python download) one by one, each
 * by rename. Tarjama's manifest is written last, outside the snapshot
 * ({@link HubSnapshot#manifestFolder()}), merged with what an earlier fetch recorded.
 */
final class SnapshotPublisher {
    private final HubCache cache;
    private final String source;
    private final ProgressListener progress;

    SnapshotPublisher(HubCache cache, String source, ProgressListener progress) {
        this.cache = cache;
        this.source = source;
        this.progress = progress;
    }

    Path publish(String repo, String revision, String commit, List<Manifest.Entry> entries) throws IOException {
        HubSnapshot s = HubSnapshot.at(cache.repoFolder(repo), repo, commit);
        Path snapshot = s.folder();
        Files.createDirectories(snapshot.getParent());
        boolean built = false;
        if (!Files.exists(snapshot)) {
            Path tmp = AtomicFiles.uniqueSibling(snapshot, ".incomplete");
            try {
                Files.createDirectories(tmp);
                for (Manifest.Entry e : entries) {
                    link(s, tmp, e);
                }
                Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE);
                built = true;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Someone else (huggingface_hub?) created it meanwhile: add to it below.
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
        }
        if (!built) {
            for (Manifest.Entry e : entries) {
                link(s, snapshot, e);
            }
        }
        removeLegacyManifest(snapshot);
        writeManifest(s, repo, revision, commit, entries);
        return snapshot;
    }

    private void writeManifest(HubSnapshot s, String repo, String revision, String commit, List<Manifest.Entry> entries)
            throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Manifest merged = new Manifest(repo, revision, commit, now, source, entries);
        Path folder = s.manifestFolder();
        if (Manifest.exists(folder)) {
            try {
                merged = Manifest.read(folder).withFiles(entries, now);
            } catch (ModelIntegrityException unreadable) {
                progress.note("replacing unreadable " + folder.resolve(Manifest.FILE_NAME));
            }
        }
        Files.createDirectories(folder);
        merged.write(folder);
    }

    /** Makes {@code folder/path} point at the blob: a relative link, else a copy. */
    private static void link(HubSnapshot s, Path folder, Manifest.Entry e) throws IOException {
        Path target = RelativePaths.resolve(folder, e.file());
        Files.createDirectories(target.getParent());
        Path blob = s.blobs().resolve(e.etag());
        Path tmp = AtomicFiles.uniqueSibling(target, ".link");
        try {
            try {
                Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(blob, tmp);
            }
            AtomicFiles.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes a snapshot file (and its blob, when it links into this repository's blobs/) so it is fetched again. */
    static void unlink(HubSnapshot s, String file) throws IOException {
        Path link = RelativePaths.resolve(s.folder(), file);
        if (Files.isSymbolicLink(link)) {
            Path blob = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            if (blob.startsWith(s.blobs())) {
                Files.deleteIfExists(blob);
            }
        }
        Files.deleteIfExists(link);
    }

    /** Tarjama once kept its manifest inside the snapshot; it now lives outside. */
    private static void removeLegacyManifest(Path snapshot) throws IOException {
        Path legacy = snapshot.resolve(Manifest.FILE_NAME);
        if (Manifest.isTarjamas(legacy)) {
            Files.delete(legacy);
        }
    }
}
