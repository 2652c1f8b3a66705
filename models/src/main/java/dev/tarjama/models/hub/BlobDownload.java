package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.RelativePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gets one file's bytes into {@code blobs/{etag}}, checked against the hub's hash.
 *
 * <p>The file is resolved again right before its download, for a fresh signed URL. Then, as in
 * huggingface_hub's {@code http_get}: a dropped or stalled connection resumes from the bytes on
 * disk with {@code Range}, and the count of tries starts over whenever bytes arrived; a CDN
 * refusal (401/403/410 from a host other than the endpoint: an expired URL) resolves the file
 * again and resumes with the new URL; {@code 429}/{@code 5xx} wait as {@link Backoff} says. Bytes
 * that do not match the hash are thrown away and fetched again, up to the number of tries.
 */
final class BlobDownload {
    private final HubSettings settings;
    private final HubClient client;
    private final HubCache cache;
    private final ProgressListener progress;
    private final Map<String, String> presentSha256 = new HashMap<>();

    BlobDownload(HubSettings settings, HubClient client, HubCache cache, ProgressListener progress) {
        this.settings = settings;
        this.client = client;
        this.cache = cache;
        this.progress = progress;
    }

    /** True when {@code blobs/{etag}} is there and matches; a blob that does not is removed. */
    boolean present(String repo, RemoteFile r) throws IOException {
        Path blob = blob(repo, r);
        if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<String> sha = matches(blob, r);
        if (sha.isPresent()) {
            presentSha256.put(r.etag(), sha.get());
            return true;
        }
        progress.note("cached blob of " + r.path() + " does not match its hash; fetching it again");
        Files.delete(blob);
        return false;
    }

    /** The manifest entry of a file whose blob is present, or is downloaded now when {@code fetch}. */
    Manifest.Entry ensure(String repo, String commit, RemoteFile planned, boolean fetch) throws IOException {
        Path blob = blob(repo, planned);
        if (!fetch) {
            return new Manifest.Entry(planned.path(), Files.size(blob), presentSha256.get(planned.etag()), planned.etag());
        }
        Files.createDirectories(blob.getParent());
        Path incomplete = blob.resolveSibling(planned.etag() + ".incomplete");
        RemoteFile current = resolve(repo, commit, planned);
        Backoff backoff = new Backoff(settings, progress);
        int tries = 0;
        int refusals = 0;
        int corrupt = 0;
        while (true) {
            long before = size(incomplete);
            try {
                client.download(repo, current, incomplete, progress);
            } catch (CdnRefusedException e) {
                if (++refusals > settings.attempts()) {
                    throw new HubException(e.getMessage() + "; refused again after resolving " + planned.path() + " "
                            + settings.attempts() + " times", e);
                }
                progress.note(e.getMessage() + "; resolving " + planned.path() + " again (resuming at "
                        + size(incomplete) + " bytes)");
                current = resolve(repo, commit, planned);
                continue;
            } catch (HubException e) {
                if (size(incomplete) > before) {
                    tries = 0;
                    refusals = 0;
                    backoff.reset();
                }
                if (!e.retryable() || ++tries >= settings.attempts()) {
                    throw tries > 1 ? new HubException(e.getMessage() + " (after " + tries + " tries without progress)",
                            e) : e;
                }
                backoff.pause(e, tries + 1, settings.attempts());
                continue;
            }
            Optional<String> sha = matches(incomplete, current);
            if (sha.isPresent()) {
                AtomicFiles.move(incomplete, blob);
                return new Manifest.Entry(planned.path(), Files.size(blob), sha.get(), planned.etag());
            }
            String actual = Hashing.sha256(incomplete);
            Files.deleteIfExists(incomplete);
            String message = planned.path() + ": downloaded bytes do not match the hub's hash (expected "
                    + planned.etag() + ", got sha256 " + actual + ")";
            if (++corrupt >= settings.attempts()) {
                throw new ModelIntegrityException(planned.path(), message + " after " + corrupt
                        + " tries; nothing was published");
            }
            progress.note(message + "; fetching it again");
        }
    }

    /** A fresh {@code HEAD} by commit: a new download URL for the same content, or an error if it changed. */
    private RemoteFile resolve(String repo, String commit, RemoteFile planned) throws IOException {
        RemoteFile fresh = client.head(repo, commit, planned.path());
        if (!planned.etag().equals(fresh.etag()) || planned.size() != fresh.size()) {
            throw new HubException(repo + "@" + commit + ": " + planned.path() + " changed between two requests ("
                    + planned.etag() + ", " + planned.size() + " bytes, then " + fresh.etag() + ", " + fresh.size()
                    + " bytes); the endpoint is not serving one commit consistently");
        }
        return fresh;
    }

    private Path blob(String repo, RemoteFile r) throws HubException {
        if (!RelativePaths.isSafe(r.etag()) || r.etag().contains("/")) {
            throw new HubException("unusable ETag '" + r.etag() + "' for " + r.path());
        }
        return cache.blobs(repo).resolve(r.etag());
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The file's sha256 when it matches what the hub announced (sha256, else git blob sha1). */
    static Optional<String> matches(Path file, RemoteFile r) throws IOException {
        if (r.size() >= 0 && Files.size(file) != r.size()) {
            return Optional.empty();
        }
        if (r.expectedSha256() != null) {
            String sha256 = Hashing.sha256(file);
            return sha256.equals(r.expectedSha256()) ? Optional.of(sha256) : Optional.empty();
        }
        Hashing.Both both = Hashing.sha256AndGitSha1(file);
        if (r.expectedGitSha1() != null) {
            return both.gitSha1().equals(r.expectedGitSha1()) ? Optional.of(both.sha256()) : Optional.empty();
        }
        // An ETag of another shape (some mirrors): size was the only check possible.
        return Optional.of(both.sha256());
    }
}
