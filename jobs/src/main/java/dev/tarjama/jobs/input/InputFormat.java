package dev.tarjama.jobs.input;

import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.NoInput;
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

    /**
     * The configured format, or for {@code auto} the format of the path's (first data) file.
     * A path that does not exist, or a folder without data files (names starting with {@code _}
     * or {@code .} are not data), is {@link NoInput}: nothing landed.
     */
    public static InputFormat resolve(String configured, String path, Configuration hadoopConf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoopConf);
            if (!fs.exists(p)) {
                throw new NoInput("input not found: " + path + " (input.path)");
            }
            FileStatus status = fs.getFileStatus(p);
            String first = status.isFile() ? p.getName() : firstDataFile(fs, p);
            if (first == null) {
                throw new NoInput("input folder " + path + " holds no data files (input.path)");
            }
            return configured.equals("auto") ? byName(first, path) : valueOf(configured.toUpperCase(Locale.ROOT));
        } catch (IOException e) {
            throw new JobFailure("cannot list input " + path + ": " + e.getMessage(), e);
        }
    }

    private static String firstDataFile(FileSystem fs, Path folder) throws IOException {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
        while (files.hasNext()) {
            String name = files.next().getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                return name;
            }
        }
        return null;
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
