package dev.tarjama.jobs.exec;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Logs progress at a steady interval: articles done/total, articles/s and ETA. "Done" is the
 * articles accumulator of finished tasks plus what running tasks reported in their last executor
 * heartbeat, so progress moves while long tasks run, not only when they end.
 */
public final class ProgressLog extends SparkListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final LongAccumulator done;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public ProgressLog(LongAccumulator done, long total, Duration interval) {
        this.done = done;
        this.total = total;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tarjama-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::log, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (var task : CollectionConverters.asJava(update.accumUpdates())) {
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if (info.id() == done.id() && info.update().isDefined()) {
                    running.put((Long) task._1(), ((Number) info.update().get()).longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
    }

    /** Articles done so far, running tasks included. */
    public long done() {
        long inFlight = running.values().stream().mapToLong(Long::longValue).sum();
        return Math.min(total, done.value() + inFlight);
    }

    private void log() {
        long n = done();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? n / seconds : 0;
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((total - n) / rate))) : "?";
        LOG.info(String.format("progress: %d/%d articles (%.0f%%), %.1f articles/s, ETA %s",
                n, total, total == 0 ? 100.0 : 100.0 * n / total, rate, eta));
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
