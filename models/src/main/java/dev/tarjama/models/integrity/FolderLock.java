package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, held across threads of this JVM and across processes on this
 * host. {@link FileChannel#lock()} alone only separates processes (a second lock from the same
 * JVM throws), so a per-path in-JVM lock is taken first.
 */
public final class FolderLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until this thread holds the lock; creates the lock file and its parents. */
    public static FolderLock acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        Files.createDirectories(key.getParent());
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new FolderLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
