package dev.tarjama.jobs.exec;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts per key, merged across tasks (e.g. model loads per {@link ModelUse}); keys are sorted.
 *
 * @param <K> a small serializable value type
 */
public final class CountsAccumulator<K extends Comparable<K> & Serializable> extends AccumulatorV2<K, Map<K, Long>> {
    private final TreeMap<K, Long> counts = new TreeMap<>();

    @Override
    public boolean isZero() {
        synchronized (counts) {
            return counts.isEmpty();
        }
    }

    @Override
    public CountsAccumulator<K> copy() {
        CountsAccumulator<K> copy = new CountsAccumulator<>();
        synchronized (counts) {
            copy.counts.putAll(counts);
        }
        return copy;
    }

    @Override
    public void reset() {
        synchronized (counts) {
            counts.clear();
        }
    }

    @Override
    public void add(K key) {
        synchronized (counts) {
            counts.merge(key, 1L, Long::sum);
        }
    }

    @Override
    public void merge(AccumulatorV2<K, Map<K, Long>> other) {
        Map<K, Long> theirs = other.value();
        synchronized (counts) {
            theirs.forEach((key, n) -> counts.merge(key, n, Long::sum));
        }
    }

    @Override
    public Map<K, Long> value() {
        synchronized (counts) {
            return Collections.unmodifiableMap(new TreeMap<>(counts));
        }
    }
}
