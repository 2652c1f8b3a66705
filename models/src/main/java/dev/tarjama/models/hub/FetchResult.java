package dev.tarjama.models.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A fetched, verified model folder.
 *
 * @param folder the snapshot folder ({@code snapshots/{commit}}), with {@code manifest.json}
 * @param commit the commit the files belong to
 * @param downloaded files whose bytes came over the network in this call
 * @param fromCache true when nothing had to be asked of the hub
 */
public record FetchResult(Path folder, String commit, List<String> downloaded, boolean fromCache) {
    public FetchResult {
        downloaded = List.copyOf(downloaded);
    }
}
