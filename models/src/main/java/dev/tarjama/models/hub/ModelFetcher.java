package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.FolderLock;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.HubSnapshot;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a set of files of one repository at one revision into the Hugging Face cache, laid out
 * exactly as huggingface_hub lays it out, and checks the result.
 *
 * <p>Order of events:
 * <ol>
 *   <li>Plan: one {@code HEAD} per file; the first resolves the revision to a commit and every
 *       later request names that commit, so a branch that moves meanwhile cannot mix two commits.
 *       The plan says how many bytes are to come.</li>
 *   <li>Each file is resolved again just before its download ({@link BlobDownload}), because the
 *       hub's signed CDN URLs expire while earlier files download; it downloads to
 *       {@code blobs/{etag}.incomplete}, resuming with {@code Range} after a drop or a stall, is
 *       checked against the hub's hash and renamed to {@code blobs/{etag}}.</li>
 *   <li>Links are made in the snapshot ({@link SnapshotPublisher}), Tarjama's manifest is written
 *       outside it, {@code refs/{revision}} records the commit, and the snapshot is verified.</li>
 * </ol>
 * An interruption at any point leaves nothing that looks complete.
 */
public final class ModelFetcher {
    private final HubSettings settings;
    private final HubClient client;
    private final HubCache cache;
    private final ProgressListener progress;

    public ModelFetcher(HubSettings settings, ProgressListener progress) {
        this.settings = settings;
        this.client = new HubClient(settings, progress);
        this.cache = new HubCache(settings.cacheDir());
        this.progress = progress;
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * Fetches one catalog entry at its pinned revision, or at {@code main} while the pin is the
     * all-zero placeholder (with a note saying so and how to pin).
     */
    public FetchResult fetch(CatalogEntry entry, Precision precision) throws IOException {
        FetchResult r = fetch(entry, precision, entry.lookupRevision());
        if (entry.placeholderRevision()) {
            progress.note("note: the catalog has no pinned commit for " + entry.name() + " yet; fetched "
                    + entry.lookupRevision() + " (commit " + r.commit() + "). To pin it, set \"revision\": \""
                    + r.commit() + "\" for " + entry.name() + " in the catalog");
        }
        return r;
    }

    /** Fetches one catalog entry at another revision (to check or move a pin). */
    public FetchResult fetch(CatalogEntry entry, Precision precision, String revision) throws IOException {
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

    /**
     * A complete snapshot in the cache that verifies (by Tarjama's manifest or by blob names, so a
     * snapshot huggingface_hub wrote counts), without contacting the hub.
     */
    public Optional<Path> cached(String repo, String revision, List<String> files) throws IOException {
        Optional<String> commit = cache.commitFor(repo, revision);
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        Path snapshot = cache.snapshot(repo, commit.get());
        if (!Files.isDirectory(snapshot)) {
            return Optional.empty();
        }
        return ModelVerifier.problems(snapshot, files).isEmpty() ? Optional.of(snapshot) : Optional.empty();
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
            Map<String, RemoteFile> plan = plan(repo, revision, files);
            String commit = plan.values().iterator().next().commit();
            BlobDownload blobs = new BlobDownload(settings, client, cache, progress);
            List<RemoteFile> missing = new ArrayList<>();
            for (RemoteFile r : plan.values()) {
                if (!blobs.present(repo, r)) {
                    missing.add(r);
                }
            }
            progress.planned(repo + "@" + commit.substring(0, 12), plan.size(), missing.size(),
                    missing.stream().mapToLong(r -> Math.max(0, r.size())).sum());
            List<Manifest.Entry> entries = new ArrayList<>();
            List<String> downloaded = new ArrayList<>();
            for (RemoteFile r : plan.values()) {
                boolean fetchIt = missing.contains(r);
                entries.add(blobs.ensure(repo, commit, r, fetchIt));
                if (fetchIt) {
                    downloaded.add(r.path());
                }
            }
            Path snapshot = new SnapshotPublisher(cache, settings.endpoint().toString(), progress)
                    .publish(repo, revision, commit, entries);
            cache.writeRef(repo, revision, commit);
            ModelVerifier.verify(snapshot, files);
            return new FetchResult(snapshot, commit, downloaded, false);
        }
    }

    /** One {@code HEAD} per file; all after the first name the commit the first resolved to. */
    private Map<String, RemoteFile> plan(String repo, String revision, List<String> files) throws IOException {
        if (files.isEmpty()) {
            throw new HubException("nothing to fetch from " + repo + ": no files named");
        }
        Map<String, RemoteFile> plan = new LinkedHashMap<>();
        String commit = null;
        for (String file : files) {
            RemoteFile r = client.head(repo, commit == null ? revision : commit, file);
            if (commit != null && !commit.equals(r.commit())) {
                throw new HubException(repo + " answered commit " + r.commit() + " for " + file + " at commit " + commit
                        + "; the endpoint does not serve files by commit id");
            }
            if (r.etag() == null || r.etag().isEmpty()) {
                throw new HubException(settings.endpoint() + " sent no ETag for " + file + "; cannot check the download");
            }
            commit = r.commit();
            plan.put(file, r);
        }
        return plan;
    }

    private FetchResult offline(String repo, String revision, List<String> files) throws IOException {
        Optional<Path> snapshot = cached(repo, revision, files);
        if (snapshot.isEmpty()) {
            Optional<String> commit = cache.commitFor(repo, revision);
            String why = commit.isEmpty() ? "the cache has no refs/" + revision + " for it"
                    : "its snapshot " + commit.get() + " " + (Files.isDirectory(cache.snapshot(repo, commit.get()))
                            ? "does not verify: " + ModelVerifier.problems(cache.snapshot(repo, commit.get()), files)
                            : "is missing");
            throw new HubException("offline mode (HF_HUB_OFFLINE is set) and " + repo + "@" + revision
                    + " is not complete in the cache " + cache.root() + " (" + why + "; wanted: " + files + "). Fetch it"
                    + " once with network access, point HF_HUB_CACHE/--cache-dir at a cache that has it, or unset"
                    + " HF_HUB_OFFLINE");
        }
        ModelVerifier.verify(snapshot.get(), files);
        return new FetchResult(snapshot.get(), snapshot.get().getFileName().toString(), List.of(), true);
    }

    /** A pinned commit never changes: a complete snapshot that still verifies needs no network. */
    private Optional<FetchResult> fromPinnedCache(String repo, String commit, List<String> files) throws IOException {
        Path snapshot = cache.snapshot(repo, commit);
        if (!Files.isDirectory(snapshot)) {
            return Optional.empty();
        }
        List<ModelVerifier.Problem> problems = ModelVerifier.problems(snapshot, files);
        if (problems.isEmpty()) {
            return Optional.of(new FetchResult(snapshot, commit, List.of(), true));
        }
        HubSnapshot s = HubSnapshot.at(cache.repoFolder(repo), repo, commit);
        for (ModelVerifier.Problem p : problems) {
            if (p.file().equals(Manifest.FILE_NAME)) {
                continue;
            }
            progress.note("cached " + repo + "/" + p + "; fetching it again");
            SnapshotPublisher.unlink(s, p.file());
        }
        return Optional.empty();
    }
}
