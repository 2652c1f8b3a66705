package dev.tarjama.models.hub;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: redrawn in place on a terminal, a line per quarter otherwise (so logs
 * of scheduled runs stay readable).
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean terminal;
    private long startNanos;
    private long lastDraw;
    private long startDone;
    private int lastQuarter;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On {@code System.err}, redrawing in place when a console is attached. */
    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void started(String file, long done, long total) {
        startNanos = System.nanoTime();
        startDone = done;
        lastDraw = 0;
        lastQuarter = -1;
        if (done > 0) {
            out.println("resuming " + file + " at " + mb(done) + " of " + mb(total));
        }
        draw(file, done, total, true);
    }

    @Override
    public synchronized void advanced(String file, long done, long total) {
        draw(file, done, total, false);
    }

    @Override
    public synchronized void finished(String file, long total) {
        draw(file, total, total, true);
        if (terminal) {
            out.println();
        }
    }

    @Override
    public synchronized void note(String message) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(message);
    }

    private void draw(String file, long done, long total, boolean force) {
        long now = System.nanoTime();
        if (terminal) {
            if (!force && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r\033[K" + line(file, done, total, now));
            out.flush();
        } else {
            int quarter = total > 0 ? (int) (4 * done / total) : 0;
            if (force || quarter > lastQuarter) {
                lastQuarter = quarter;
                out.println(line(file, done, total, now));
            }
        }
    }

    private String line(String file, long done, long total, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", (done - startDone) / 1e6 / seconds);
        if (total <= 0) {
            return file + "  " + mb(done) + "  " + rate;
        }
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        return String.format(Locale.ROOT, "%s  [%s%s] %3d%%  %s / %s  %s", file, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / total, mb(done), mb(total), rate);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
