package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.Hashing;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * What a {@code HEAD} on {@code /{repo}/resolve/{revision}/{path}} says about one file.
 *
 * @param path path in the repository
 * @param etag {@code X-Linked-Etag} (sha256 of an LFS file) or {@code ETag} (git blob sha1), unquoted
 * @param size {@code X-Linked-Size} or {@code Content-Length}; -1 when the server sent neither
 * @param commit {@code X-Repo-Commit}: the commit the revision resolved to
 * @param download where to {@code GET} the bytes (the CDN location for LFS files)
 */
public record RemoteFile(String path, String etag, long size, String commit, URI download) {

    /**
     * The metadata as huggingface_hub's {@code get_hf_file_metadata} reads it: {@code X-Linked-Etag}
     * else {@code ETag} (quotes and {@code W/} stripped), {@code X-Linked-Size} else (not on a
     * redirect, whose own body it measures) {@code Content-Length}, {@code X-Repo-Commit}.
     */
    static RemoteFile fromHeaders(HttpHeaders h, String path, String revision, URI download, boolean redirect,
            URI endpoint) throws HubException {
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(RemoteFile::normalizeEtag)
                .orElse(null);
        long size = h.firstValue("X-Linked-Size").or(() -> redirect ? Optional.empty() : h.firstValue("Content-Length"))
                .map(Long::parseLong).orElse(-1L);
        String commit = h.firstValue("X-Repo-Commit").orElse(null);
        if (commit == null) {
            if (!Hashing.isSha1(revision)) {
                throw new HubException(endpoint + " did not send X-Repo-Commit for " + path
                        + ": is it a Hugging Face hub (or a mirror that forwards hub headers)?");
            }
            commit = revision;
        }
        if (!Hashing.isSha1(commit)) {
            throw new HubException("X-Repo-Commit '" + commit + "' for " + path + " is not a commit id");
        }
        return new RemoteFile(path, etag, size, commit, download);
    }

    /** Strips {@code W/} and quotes, as huggingface_hub does. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /** The digest the downloaded bytes must have, by the etag's shape; null when it is neither. */
    public String expectedSha256() {
        return Hashing.isSha256(etag) ? etag : null;
    }

    public String expectedGitSha1() {
        return Hashing.isSha1(etag) ? etag : null;
    }
}
