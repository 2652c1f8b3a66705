package dev.tarjama.jobs.exec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/** Counts per string key, merged across tasks (e.g. model loads per model and executor JVM). */
public final class CountsAccumulator extends AccumulatorV2<String, Map<String, Long>> {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    @Override
    public boolean isZero() {
        synchronized (counts) {
            return counts.isEmpty();
        }
    }

    @Override
    public CountsAccumulator copy() {
        CountsAccumulator copy = new CountsAccumulator();
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
    public void add(String key) {
        synchronized (counts) {
            counts.merge(key, 1L, Long::sum);
        }
    }

    @Override
    public void merge(AccumulatorV2<String, Map<String, Long>> other) {
        Map<String, Long> theirs = other.value();
        synchronized (counts) {
            theirs.forEach((key, n) -> counts.merge(key, n, Long::sum));
        }
    }

    @Override
    public Map<String, Long> value() {
        synchronized (counts) {
            return Collections.unmodifiableMap(new TreeMap<>(counts));
        }
    }
}
