package jp.mynacard.jlis.ca;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file of the data directory, between the processes that share the
 * directory (an OS file lock, released by the OS when a holder dies) and between the centres of
 * one JVM (which an OS lock does not separate). It guards what would otherwise be made twice:
 * the first start's CA keys, key store password and admin token, and each rewrite of the key store;
 * and it keeps a second centre off a data directory whose SQLite registry a running one owns.
 * Not reentrant: each use takes its own lock file.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until no other process or centre of this JVM holds {@code file}, creating it if absent. */
    public static DataDirectoryLock take(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, path -> new ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            throw new IllegalStateException(file + " is already locked by this thread");
        }
        local.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DataDirectoryLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /** The lock of {@code file} if no other process or centre of this JVM holds it; empty at once if one does. */
    public static Optional<DataDirectoryLock> tryTake(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, path -> new ReentrantLock());
        if (local.isHeldByCurrentThread() || !local.tryLock()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                local.unlock();
                return Optional.empty();
            }
            return Optional.of(new DataDirectoryLock(local, channel, lock));
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
