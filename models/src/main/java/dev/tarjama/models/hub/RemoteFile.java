package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.Hashing;
import java.net.URI;

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

    /** The digest the downloaded bytes must have, by the etag's shape; null when it is neither. */
    public String expectedSha256() {
        return Hashing.isSha256(etag) ? etag : null;
    }

    public String expectedGitSha1() {
        return Hashing.isSha1(etag) ? etag : null;
    }
}
