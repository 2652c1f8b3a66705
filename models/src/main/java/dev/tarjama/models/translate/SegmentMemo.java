package dev.tarjama.models.translate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the model made of each input it saw, keyed by the input's token ids, so that a repeated
 * segment (boilerplate: bylines, agency credits, disclaimers) is translated once. Bounded by an
 * estimate of the memory it holds: the least recently used entries go first. Thread-safe.
 *
 * <p>A {@link LinkedHashMap} in access order under one lock is all this needs; a caching library
 * (Caffeine) would add a dependency to the inference core for one map whose work is negligible
 * next to one decoder step.
 */
final class SegmentMemo<V> {

    /** Token ids with value equality. */
    record Key(long[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return Arrays.toString(ids);
        }
    }

    private record Entry<V>(V value, long bytes) {}

    private final long budget;
    private final LinkedHashMap<Key, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** A memo holding at most about {@code budget} bytes; 0 holds nothing. */
    SegmentMemo(long budget) {
        this.budget = budget;
    }

    /** False for a memo of budget 0, which holds nothing: every input then goes to the model. */
    boolean enabled() {
        return budget > 0;
    }

    synchronized V get(Key key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** Keeps {@code value} for {@code key}, weighing {@code bytes} (an estimate), then evicts to the budget. */
    synchronized void put(Key key, V value, long bytes) {
        if (bytes > budget) {
            return;
        }
        Entry<V> old = entries.put(key, new Entry<>(value, bytes));
        this.bytes += bytes - (old == null ? 0 : old.bytes());
        for (Iterator<Map.Entry<Key, Entry<V>>> it = entries.entrySet().iterator(); this.bytes > budget; ) {
            this.bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
