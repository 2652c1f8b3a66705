package dev.tarjama.jobs.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Seconds spent in each stage of a run, in the order the stages ran; read by the report at any point. */
final class StageClock {
    private final Map<String, Double> seconds = Collections.synchronizedMap(new LinkedHashMap<>());
    private long startNanos;
    private volatile String current;

    /** Starts {@code stage}; the stage before it must have been stopped. */
    void start(String stage) {
        current = stage;
        startNanos = System.nanoTime();
    }

    /** Stops the current stage and returns its seconds (millisecond precision). */
    double stop() {
        double s = Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
        seconds.put(current, s);
        current = null;
        return s;
    }

    /** The stage running now, or null between stages. */
    String current() {
        return current;
    }

    /** A copy of the stages finished so far. */
    Map<String, Double> finished() {
        synchronized (seconds) {
            return new LinkedHashMap<>(seconds);
        }
    }
}
