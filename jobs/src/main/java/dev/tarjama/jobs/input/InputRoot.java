package dev.tarjama.jobs.input;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The configured input ({@code input.path}) as a root that names the files read below it: by their
 * path relative to it, so that {@code a/y.jsonl} and {@code b/y.jsonl} stay apart; a root that is a
 * file names itself by its file name. Small and serializable: executors name the files they read.
 *
 * @param rootPath the root's path part, qualified against its file system, without a trailing slash
 * @param isFile true when {@code input.path} is a file rather than a folder
 */
public record InputRoot(String rootPath, boolean isFile) implements Serializable {

    /** The root {@code path}, which must exist. */
    public static InputRoot of(String path, Configuration hadoopConf) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(hadoopConf);
        FileStatus status = fs.getFileStatus(p);
        String root = fs.makeQualified(p).toUri().getPath();
        return new InputRoot(root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root,
                status.isFile());
    }

    /** The name of {@code file} (a Hadoop path) relative to this root. */
    public String relative(Path file) {
        return relativePath(file.toUri().getPath(), file.getName());
    }

    /** The name of the file Spark gives as {@code _metadata.file_path} (a URI, percent-encoded). */
    public String relativeUri(String fileUri) {
        try {
            URI uri = new URI(fileUri);
            String path = uri.getPath();
            return relativePath(path, path.substring(path.lastIndexOf('/') + 1));
        } catch (URISyntaxException e) {
            return fileUri; // not expected from Spark; the full text still names the file
        }
    }

    private String relativePath(String path, String name) {
        if (isFile) {
            return name;
        }
        String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
