package dev.tarjama.jobs.batch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Ends a run exactly once: by the run itself (its report, success or failure), or by a JVM
 * shutdown (SIGTERM, SIGINT) while it runs, which then writes the run's {@code interrupted} report.
 * The hook is registered with Hadoop's {@link ShutdownHookManager} ahead of Spark's hooks (which
 * stop the SparkContext) and of the file systems' close, so both are still usable when it runs.
 */
final class ShutdownGuard implements AutoCloseable {
    /** Above Spark's own hooks ({@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}); higher runs first. */
    static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;
    /** Longest the hook may take; schedulers commonly allow 30 s between SIGTERM and SIGKILL. */
    private static final long TIMEOUT_S = 25;

    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Runnable hook;

    private ShutdownGuard(Runnable onInterrupt) {
        this.hook = () -> {
            if (ended.compareAndSet(false, true)) {
                onInterrupt.run();
            } else {
                awaitReport(); // the run is writing its own report: let it land before the JVM goes
            }
        };
    }

    /** Guards a run; {@code onInterrupt} runs if the JVM shuts down before the run claims its end. */
    static ShutdownGuard install(Runnable onInterrupt) {
        ShutdownGuard guard = new ShutdownGuard(onInterrupt);
        ShutdownHookManager.get().addShutdownHook(guard.hook, PRIORITY, TIMEOUT_S, TimeUnit.SECONDS);
        return guard;
    }

    /** Claims the end of the run for the run itself; false when a shutdown claimed it first. */
    boolean claimEnd() {
        return ended.compareAndSet(false, true);
    }

    private void awaitReport() {
        try {
            reported.await(TIMEOUT_S - 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run's own report is written (or given up on); removes the hook unless the JVM is already shutting down. */
    @Override
    public void close() {
        reported.countDown();
        if (!ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(hook);
        }
    }
}
