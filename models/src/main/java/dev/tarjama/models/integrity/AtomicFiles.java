package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Publishing files and folders so that readers see either nothing or the finished thing. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes bytes to a unique sibling, forces them to disk, then renames over {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = uniqueSibling(target, ".tmp");
        try {
            Files.write(tmp, bytes);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Atomic rename (same file system); replaces a file, never a non-empty folder. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (different file systems?)", e);
        }
    }

    /** A name next to {@code target} that no one else uses: {@code .name.<suffix>-<uuid>}. */
    public static Path uniqueSibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + suffix + "-" + UUID.randomUUID());
    }

    /** Deletes a file or a folder tree; symbolic links are removed, never followed. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
