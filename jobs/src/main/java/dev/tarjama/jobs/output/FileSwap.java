package dev.tarjama.jobs.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Replaces one file by another as atomically as the file system allows: readers of the target see
 * the old bytes or the new ones, never a mix and never no file. Written here rather than taken
 * from Hadoop because Hadoop has no one call that does it everywhere: {@code FileSystem.rename}
 * refuses an existing target, and {@code FileContext.rename(OVERWRITE)} is atomic on HDFS but
 * deletes the target first on the local and object-store file systems. docs/batch-job.md
 * ("File systems") states what each one guarantees.
 */
abstract class FileSwap {
    /** Object stores: rename is a copy, but one PUT replaces an object whole. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb",
            "wasbs", "oss", "cosn");

    static FileSwap of(FileSystem fs, Configuration conf) {
        String scheme = fs.getUri().getScheme();
        if ("file".equals(scheme)) {
            return new LocalRename();
        }
        if (OBJECT_STORES.contains(scheme)) {
            return new ObjectCopy(fs);
        }
        return new HadoopRename(fs, conf);
    }

    /** Makes {@code target} hold what {@code staged} holds; {@code staged} is gone afterwards. */
    abstract void replace(Path staged, Path target) throws IOException;

    /** Writes {@code bytes} to {@code target} so that it is either absent/old or complete. */
    abstract void write(Path target, byte[] bytes) throws IOException;

    /** What a reader is promised, in the report's words. */
    abstract String guarantee();

    /** Local POSIX file system: rename(2) replaces a file atomically; data and folders are synced. */
    private static final class LocalRename extends FileSwap {
        @Override
        void replace(Path staged, Path target) throws IOException {
            java.nio.file.Path from = local(staged);
            java.nio.file.Path to = local(target);
            Files.createDirectories(to.getParent());
            sync(from);
            // A checksum file Hadoop left for an earlier version would not match the new bytes.
            Files.deleteIfExists(to.resolveSibling("." + to.getFileName() + ".crc"));
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            sync(to.getParent());
        }

        @Override
        void write(Path target, byte[] bytes) throws IOException {
            java.nio.file.Path to = local(target);
            Files.createDirectories(to.getParent());
            java.nio.file.Path tmp = to.resolveSibling("." + to.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
            sync(to.getParent());
        }

        @Override
        String guarantee() {
            return "local: rename(2) replaces each partition file atomically";
        }

        private static java.nio.file.Path local(Path path) {
            return java.nio.file.Path.of(path.toUri());
        }

        /** fsync, so that a power cut after the rename cannot leave the new name on lost data. */
        private static void sync(java.nio.file.Path path) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Some file systems cannot sync a folder; the rename itself is still atomic.
            }
        }
    }

    /** HDFS and other Hadoop file systems: FileContext rename with OVERWRITE (atomic on HDFS). */
    private static final class HadoopRename extends FileSwap {
        private final FileSystem fs;
        private final FileContext context;

        HadoopRename(FileSystem fs, Configuration conf) {
            this.fs = fs;
            try {
                this.context = FileContext.getFileContext(fs.getUri(), conf);
            } catch (IOException e) {
                throw new IllegalStateException("no FileContext for " + fs.getUri() + ": " + e.getMessage(), e);
            }
        }

        @Override
        void replace(Path staged, Path target) throws IOException {
            fs.mkdirs(target.getParent());
            context.rename(staged, target, Options.Rename.OVERWRITE);
        }

        @Override
        void write(Path target, byte[] bytes) throws IOException {
            Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
                out.hsync();
            }
            context.rename(tmp, target, Options.Rename.OVERWRITE);
        }

        @Override
        String guarantee() {
            return fs.getUri().getScheme() + ": FileContext rename with OVERWRITE (atomic on HDFS)";
        }
    }

    /** Object stores: the target object is written whole by one upload, then the staged one deleted. */
    private static final class ObjectCopy extends FileSwap {
        private final FileSystem fs;

        ObjectCopy(FileSystem fs) {
            this.fs = fs;
        }

        @Override
        void replace(Path staged, Path target) throws IOException {
            try (InputStream in = fs.open(staged); OutputStream out = fs.create(target, true)) {
                in.transferTo(out);
            } // the upload completes, and the object is replaced, at close
            fs.delete(staged, false);
        }

        @Override
        void write(Path target, byte[] bytes) throws IOException {
            try (OutputStream out = fs.create(target, true)) {
                out.write(bytes);
            }
        }

        @Override
        String guarantee() {
            return fs.getUri().getScheme() + ": each partition object is replaced whole by one upload (no rename)";
        }
    }
}
