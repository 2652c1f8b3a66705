package dev.tarjama.jobs.input;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a pass over JSON Lines found: how many records there are, how many hold each wanted field
 * (as a top-level key, whatever its value), and the field names seen, for messages. Merged across
 * partitions; the names seen are capped, the wanted counts are exact.
 */
public final class FieldCensus implements Serializable {
    /** Most field names kept for messages. */
    static final int MAX_NAMES = 64;

    private final Set<String> wanted;
    private final Map<String, Long> held = new HashMap<>();
    private final TreeSet<String> seen = new TreeSet<>();
    private long records;

    public FieldCensus(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    /** Counts one record holding {@code fields} (none for a line that is not a JSON object). */
    void add(Collection<String> fields) {
        records++;
        for (String field : fields) {
            if (wanted.contains(field)) {
                held.merge(field, 1L, Long::sum);
            }
            if (seen.size() < MAX_NAMES || seen.contains(field)) {
                seen.add(field);
            }
        }
    }

    FieldCensus merge(FieldCensus other) {
        records += other.records;
        other.held.forEach((field, n) -> held.merge(field, n, Long::sum));
        for (String field : other.seen) {
            if (seen.size() >= MAX_NAMES) {
                break;
            }
            seen.add(field);
        }
        return this;
    }

    /** Records (non-blank lines), readable or not. */
    public long records() {
        return records;
    }

    /** True when some record holds the wanted {@code field}. */
    public boolean holds(String field) {
        return held.getOrDefault(field, 0L) > 0;
    }

    /** Field names seen, sorted (at most {@value #MAX_NAMES}). */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
