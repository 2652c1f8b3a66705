package dev.tarjama.models.hub;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for a response body. {@code java.net.http} times out only until the headers
 * arrive; a body that stops mid-way would block {@code read()} forever. This closes the stream
 * when no byte arrived for the timeout (which wakes the blocked reader with an exception and drops
 * the connection), so a stall becomes a dropped connection that the caller resumes.
 */
final class ReadTimeout implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tarjama-hub-read-timeout");
        t.setDaemon(true);
        return t;
    });

    private final InputStream body;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastByte = System.nanoTime();
    private volatile boolean fired;

    ReadTimeout(InputStream body, Duration timeout) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(20, timeout.toMillis() / 10);
        this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Bytes arrived: the clock starts again. */
    void progressed() {
        lastByte = System.nanoTime();
    }

    /** True when the stream was closed because it stalled. */
    boolean fired() {
        return fired;
    }

    private void check() {
        if (!fired && System.nanoTime() - lastByte > timeoutNanos) {
            fired = true;
            ScheduledFuture<?> self = check;
            if (self != null) {
                self.cancel(false);
            }
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all that is wanted; the reader sees the failure
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
