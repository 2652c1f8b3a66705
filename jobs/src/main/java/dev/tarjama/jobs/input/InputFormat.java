package dev.tarjama.jobs.input;

import dev.tarjama.jobs.exit.UsageException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** The input formats the job reads; {@code auto} picks one from file extensions. */
public enum InputFormat {
    JSONL, PARQUET, CSV, TXT;

    /** The configured format, or for {@code auto} the format of the path's (first data) file. */
    public static InputFormat resolve(String configured, String path, Configuration hadoopConf) {
        if (!configured.equals("auto")) {
            return valueOf(configured.toUpperCase(Locale.ROOT));
        }
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoopConf);
            if (!fs.exists(p)) {
                throw new UsageException("input not found: " + path + " (input.path)");
            }
            FileStatus status = fs.getFileStatus(p);
            if (status.isFile()) {
                return byName(p.getName(), path);
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(p, true);
            while (files.hasNext()) {
                String name = files.next().getPath().getName();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    return byName(name, path);
                }
            }
            throw new UsageException("input folder is empty: " + path);
        } catch (IOException e) {
            throw new UsageException("cannot list input " + path + ": " + e.getMessage());
        }
    }

    private static InputFormat byName(String fileName, String path) {
        String name = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|bz2|zst|snappy)$", "");
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".txt")) {
            return TXT;
        }
        throw new UsageException("cannot tell the format of " + path + " from '" + fileName
                + "'; set input.format to jsonl|parquet|csv|txt");
    }
}
