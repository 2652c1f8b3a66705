package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.FolderLock;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.RelativePaths;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a set of files of one repository at one revision into the Hugging Face cache and
 * publishes them as a verified snapshot folder.
 *
 * <p>Order of events, so that an interruption at any point leaves nothing that looks complete:
 * each file downloads to {@code blobs/{etag}.incomplete} (resumed with {@code Range} on the next
 * try), is checked against the hub's hash, then renamed to {@code blobs/{etag}}; links are made in
 * a fresh temporary snapshot folder with {@code manifest.json} written last, and that folder is
 * renamed to {@code snapshots/{commit}} in one step. When the snapshot already exists (another
 * precision, or a Python download) links are added one by one and the manifest is replaced last.
 */
public final class ModelFetcher {
    private final HubSettings settings;
    private final HubClient client;
    private final HubCache cache;
    private final ProgressListener progress;

    public ModelFetcher(HubSettings settings, ProgressListener progress) {
        this.settings = settings;
        this.client = new HubClient(settings);
        this.cache = new HubCache(settings.cacheDir());
        this.progress = progress;
    }

    public HubCache cache() {
        return cache;
    }

    /** Fetches one catalog entry at its pinned revision. */
    public FetchResult fetch(CatalogEntry entry, Precision precision) throws IOException {
        return fetch(entry, precision, entry.revision());
    }

    /** Fetches one catalog entry at another revision (to check or move a pin). */
    public FetchResult fetch(CatalogEntry entry, Precision precision, String revision) throws IOException {
        if (revision.equals(entry.revision()) && entry.placeholderRevision()) {
            throw new HubException("the catalog's revision for " + entry.name() + " is the all-zero placeholder: "
                    + "nobody has pinned a commit yet. Fetch once with --revision main, check the files, then write "
                    + "the commit it prints into the catalog (\"revision\", and \"revision_verified\": true)");
        }
        try {
            return fetch(entry.repo(), revision, entry.files(precision));
        } catch (HubException e) {
            if (!entry.revisionVerified() && revision.equals(entry.revision()) && e.getMessage().contains("revision")) {
                throw new HubException(e.getMessage() + ". Note: the catalog pin for " + entry.name()
                        + " is marked unverified; try --revision main and pin the commit it prints", e);
            }
            throw e;
        }
    }

    /** A complete, verified snapshot already in the cache, without contacting the hub. */
    public Optional<Path> cached(String repo, String revision, List<String> files) throws IOException {
        Optional<String> commit = cache.commitFor(repo, revision);
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        Path snapshot = cache.snapshot(repo, commit.get());
        if (!Manifest.exists(snapshot)) {
            return Optional.empty();
        }
        Manifest manifest = Manifest.read(snapshot);
        return ModelVerifier.check(snapshot, manifest, files).isEmpty() ? Optional.of(snapshot) : Optional.empty();
    }

    /** Fetches {@code files} of {@code repo} at {@code revision}; see the class comment. */
    public FetchResult fetch(String repo, String revision, List<String> files) throws IOException {
        if (settings.offline()) {
            return offline(repo, revision, files);
        }
        try (FolderLock lock = FolderLock.acquire(cache.lockFile(repo))) {
            if (Hashing.isSha1(revision)) {
                Optional<FetchResult> hit = fromPinnedCache(repo, revision, files);
                if (hit.isPresent()) {
                    return hit.get();
                }
            }
            Map<String, RemoteFile> remote = new LinkedHashMap<>();
            String commit = null;
            for (String file : files) {
                RemoteFile r = client.head(repo, revision, file);
                if (commit != null && !commit.equals(r.commit())) {
                    throw new HubException(repo + "@" + revision + " moved from commit " + commit + " to " + r.commit()
                            + " during the fetch; pin a commit id in the catalog");
                }
                if (r.etag() == null || r.etag().isEmpty()) {
                    throw new HubException(settings.endpoint() + " sent no ETag for " + file
                            + "; cannot check the download");
                }
                commit = r.commit();
                remote.put(file, r);
            }
            List<Manifest.Entry> entries = new ArrayList<>();
            List<String> downloaded = new ArrayList<>();
            for (RemoteFile r : remote.values()) {
                entries.add(ensureBlob(repo, r, downloaded));
            }
            Path snapshot = publish(repo, revision, commit, entries);
            cache.writeRef(repo, revision, commit);
            ModelVerifier.verify(snapshot, files);
            return new FetchResult(snapshot, commit, downloaded, false);
        }
    }

    private FetchResult offline(String repo, String revision, List<String> files) throws IOException {
        Optional<Path> snapshot = cached(repo, revision, files);
        if (snapshot.isEmpty()) {
            throw new HubException("offline mode (HF_HUB_OFFLINE is set) and " + repo + "@" + revision
                    + " is not complete in the cache " + cache.root() + " (wanted: " + files + "). Fetch it once "
                    + "with network access, point HF_HUB_CACHE/--cache-dir at a cache that has it, or unset "
                    + "HF_HUB_OFFLINE");
        }
        ModelVerifier.verify(snapshot.get(), files);
        return new FetchResult(snapshot.get(), snapshot.get().getFileName().toString(), List.of(), true);
    }

    /** A pinned commit never changes: a complete snapshot that still verifies needs no network. */
    private Optional<FetchResult> fromPinnedCache(String repo, String commit, List<String> files) throws IOException {
        Path snapshot = cache.snapshot(repo, commit);
        if (!Manifest.exists(snapshot)) {
            return Optional.empty();
        }
        Manifest manifest = Manifest.read(snapshot);
        List<ModelVerifier.Problem> problems = ModelVerifier.check(snapshot, manifest, files);
        if (problems.isEmpty()) {
            return Optional.of(new FetchResult(snapshot, commit, List.of(), true));
        }
        for (ModelVerifier.Problem p : problems) {
            progress.note("cached " + repo + "/" + p + "; fetching it again");
            Path link = RelativePaths.resolve(snapshot, p.file());
            if (Files.isSymbolicLink(link)) {
                Path blob = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
                if (blob.startsWith(cache.blobs(repo))) {
                    Files.deleteIfExists(blob);
                }
            }
            Files.deleteIfExists(link);
        }
        return Optional.empty();
    }

    private Manifest.Entry ensureBlob(String repo, RemoteFile r, List<String> downloaded) throws IOException {
        if (!RelativePaths.isSafe(r.etag()) || r.etag().contains("/")) {
            throw new HubException("unusable ETag '" + r.etag() + "' for " + r.path());
        }
        Path blobs = cache.blobs(repo);
        Files.createDirectories(blobs);
        Path blob = blobs.resolve(r.etag());
        if (Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> sha = matches(blob, r);
            if (sha.isPresent()) {
                return new Manifest.Entry(r.path(), Files.size(blob), sha.get(), r.etag());
            }
            progress.note("cached blob of " + r.path() + " does not match its hash; fetching it again");
            Files.delete(blob);
        }
        Path incomplete = blobs.resolve(r.etag() + ".incomplete");
        for (int attempt = 1; ; attempt++) {
            try {
                client.download(r, incomplete, progress);
            } catch (HubException e) {
                if (!e.retryable() || attempt >= settings.attempts()) {
                    throw attempt > 1 ? new HubException(e.getMessage() + " (after " + attempt + " tries)", e) : e;
                }
                progress.note(e.getMessage() + "; try " + (attempt + 1) + " of " + settings.attempts());
                pause(attempt);
                continue;
            }
            Optional<String> sha = matches(incomplete, r);
            if (sha.isPresent()) {
                AtomicFiles.move(incomplete, blob);
                downloaded.add(r.path());
                return new Manifest.Entry(r.path(), Files.size(blob), sha.get(), r.etag());
            }
            String actual = Hashing.sha256(incomplete);
            Files.deleteIfExists(incomplete);
            String message = r.path() + ": downloaded bytes do not match the hub's hash (expected " + r.etag()
                    + ", got sha256 " + actual + ")";
            if (attempt >= settings.attempts()) {
                throw new ModelIntegrityException(r.path(), message + " after " + attempt
                        + " tries; nothing was published");
            }
            progress.note(message + "; fetching it again");
        }
    }

    /** The file's sha256 when it matches what the hub announced (sha256, else git blob sha1). */
    private static Optional<String> matches(Path file, RemoteFile r) throws IOException {
        if (r.size() >= 0 && Files.size(file) != r.size()) {
            return Optional.empty();
        }
        String sha256 = Hashing.sha256(file);
        if (r.expectedSha256() != null) {
            return sha256.equals(r.expectedSha256()) ? Optional.of(sha256) : Optional.empty();
        }
        if (r.expectedGitSha1() != null) {
            return Hashing.gitBlobSha1(file).equals(r.expectedGitSha1()) ? Optional.of(sha256) : Optional.empty();
        }
        // An ETag of another shape (some mirrors): size was the only check possible.
        return Optional.of(sha256);
    }

    private Path publish(String repo, String revision, String commit, List<Manifest.Entry> entries)
            throws IOException {
        Path snapshot = cache.snapshot(repo, commit);
        Files.createDirectories(snapshot.getParent());
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Manifest fresh = new Manifest(repo, revision, commit, now, settings.endpoint().toString(), entries);
        if (!Files.exists(snapshot)) {
            Path tmp = AtomicFiles.uniqueSibling(snapshot, ".incomplete");
            try {
                Files.createDirectories(tmp);
                for (Manifest.Entry e : entries) {
                    link(repo, tmp, e);
                }
                fresh.write(tmp);
                Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE);
                return snapshot;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Someone else (huggingface_hub?) created it meanwhile: add to it below.
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
        }
        for (Manifest.Entry e : entries) {
            link(repo, snapshot, e);
        }
        Manifest merged = fresh;
        if (Manifest.exists(snapshot)) {
            try {
                merged = Manifest.read(snapshot).withFiles(entries, now);
            } catch (HubException unreadable) {
                progress.note("replacing unreadable " + snapshot.resolve(Manifest.FILE_NAME));
            }
        }
        merged.write(snapshot);
        return snapshot;
    }

    /** Makes {@code folder/path} point at the blob: a relative link (as huggingface_hub), else a copy. */
    private void link(String repo, Path folder, Manifest.Entry e) throws IOException {
        Path target = RelativePaths.resolve(folder, e.file());
        Files.createDirectories(target.getParent());
        Path blob = cache.blobs(repo).resolve(e.etag());
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

    private static void pause(int attempt) throws HubException {
        try {
            Thread.sleep(Math.min(5_000L, 200L * attempt * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted", e);
        }
    }
}
