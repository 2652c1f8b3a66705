package dev.tarjama.jobs.exec;

import java.time.Duration;
import java.util.Locale;
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
 * Logs the translate stage's progress: once when it starts, then at a steady interval, as articles
 * done/total, articles/s and ETA. "Done" counts the articles of finished tasks, plus what running
 * tasks reported in their last executor heartbeat: their emitted articles and the translated part
 * of their current micro-batch ({@link BatchProgress}, updated after every model batch). Spark
 * sends running tasks' accumulator values in each heartbeat ({@code spark.executor.heartbeatInterval},
 * 10 s by default, also in local mode), which reach listeners as
 * {@link SparkListenerExecutorMetricsUpdate}; finished tasks' values are merged into the
 * accumulators. The figure shown never goes down (a micro-batch's share moves from "in flight" to
 * "emitted" in two steps a heartbeat may fall between).
 */
public final class ProgressLog extends SparkListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final LongAccumulator done;
    private final LongAccumulator inFlight;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final Map<Long, Long> runningDone = new ConcurrentHashMap<>();
    private final Map<Long, Long> runningInFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private double shown;
    private boolean finishedLogged;

    public ProgressLog(JobMetrics metrics, long total, Duration interval) {
        this.done = metrics.articlesDone();
        this.inFlight = metrics.articlesInFlight();
        this.total = total;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tarjama-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::log, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (var task : CollectionConverters.asJava(update.accumUpdates())) {
            long taskId = (Long) task._1();
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                Map<Long, Long> running = info.id() == done.id() ? runningDone
                        : info.id() == inFlight.id() ? runningInFlight : null;
                if (running != null && info.update().isDefined()) {
                    running.put(taskId, ((Number) info.update().get()).longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        runningDone.remove(end.taskInfo().taskId());
        runningInFlight.remove(end.taskInfo().taskId());
    }

    /** Articles done so far, running tasks and their translated part of a micro-batch included. */
    public synchronized double done() {
        long emitted = done.value() + sum(runningDone);
        double partial = (inFlight.value() + sum(runningInFlight)) / (double) BatchProgress.UNIT;
        shown = Math.max(shown, Math.min(total, emitted + Math.max(0, partial)));
        return shown;
    }

    private static long sum(Map<Long, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The progress line: {@code progress: 12.5/40 articles (31%), 0.8 articles/s, ETA 0m43s}. */
    String line() {
        double n = done();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? n / seconds : 0;
        String eta = rate > 0 ? "ETA " + format(Duration.ofSeconds((long) ((total - n) / rate))) : "ETA after the first model batch";
        return String.format(Locale.ROOT, "progress: %s/%d articles (%.0f%%), %.2f articles/s, %s",
                n == Math.rint(n) ? String.valueOf((long) n) : String.format(Locale.ROOT, "%.1f", n), total,
                total == 0 ? 100.0 : 100.0 * n / total, rate, eta);
    }

    private void log() {
        if (finishedLogged) {
            return; // every article is translated; the stage is writing
        }
        String line = line();
        finishedLogged = total > 0 && shown >= total;
        LOG.info(line);
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
