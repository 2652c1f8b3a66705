package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.batch.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads a run report back and copies it to the caller's fixed place, on any Hadoop file system. */
final class ReportFiles {
    private ReportFiles() {}

    /** The report at {@code path}, or null when there is none (the run stopped before writing it). */
    static RunReport read(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                return RunReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes {@code report} to {@code target} whole: beside it first, then renamed over it, so a
     * reader never sees half a report. Parent folders are created.
     */
    static void copy(RunReport report, String target, Configuration conf) throws IOException {
        FileSystem fs = new Path(target).getFileSystem(conf);
        Path to = fs.makeQualified(new Path(target));
        Path tmp = new Path(to.getParent(), "." + to.getName() + ".tmp");
        fs.mkdirs(to.getParent());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write((report.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(to, false);
        if (!fs.rename(tmp, to)) {
            throw new IOException("could not move " + tmp + " to " + to);
        }
    }
}
