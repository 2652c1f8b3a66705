package dev.tarjama.models.hub;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Download progress on stderr: on a terminal one bar redrawn in place (file, bytes, rate, time
 * left); otherwise (logs of scheduled runs) a plain line when a file starts, at each quarter and
 * when it ends, without escape codes.
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final boolean terminal;
    private long startNanos;
    private long lastDraw;
    private long startDone;
    private int lastQuarter;
    private int fileNumber;
    private int filesToDownload;
    private String currentFile;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(new PrintWriter(out, true), terminal);
    }

    public ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On {@code System.err}, redrawing in place when a console is attached. */
    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void planned(String what, int files, int toDownload, long bytes) {
        fileNumber = 0;
        currentFile = null;
        filesToDownload = toDownload;
        out.println(toDownload == 0 ? what + ": all " + files + " files already in the cache"
                : String.format(Locale.ROOT, "fetching %s: %d of %d files to download, %s", what, toDownload, files,
                        size(bytes)));
    }

    @Override
    public synchronized void started(String file, long done, long total) {
        startNanos = System.nanoTime();
        startDone = done;
        lastDraw = 0;
        lastQuarter = -1;
        if (!file.equals(currentFile)) {
            currentFile = file;
            fileNumber++;
        }
        if (done > 0) {
            clearLine();
            out.println("resuming " + file + " at " + size(done) + " of " + size(total));
        }
        draw(file, done, total, true);
    }

    @Override
    public synchronized void advanced(String file, long done, long total) {
        draw(file, done, total, false);
    }

    @Override
    public synchronized void finished(String file, long total) {
        if (terminal) {
            draw(file, total, total, true);
            out.println();
        } else if (lastQuarter < 4) {
            draw(file, total, total, true); // the last quarter's line already said 100%
        }
    }

    @Override
    public synchronized void note(String message) {
        clearLine();
        out.println(message);
    }

    private void clearLine() {
        if (terminal) {
            out.print("\r\033[K");
        }
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

    /** {@code [2/6] onnx/encoder.onnx [#####...]  40%  120.0 MB / 300.0 MB  11.3 MB/s  16 s left}. */
    String line(String file, long done, long total, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (done - startDone) / seconds;
        String counter = filesToDownload > 0 ? "[" + Math.min(fileNumber, filesToDownload) + "/" + filesToDownload + "] "
                : "";
        String speed = size((long) rate) + "/s";
        if (total <= 0) {
            return counter + file + "  " + size(done) + "  " + speed;
        }
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        String left = done >= total ? "done" : rate <= 0 ? "? left" : duration((total - done) / rate) + " left";
        return String.format(Locale.ROOT, "%s%s  [%s%s] %3d%%  %s / %s  %s  %s", counter, file, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / total, size(done), size(total), speed, left);
    }

    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        return s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
