package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.WriterLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The writer lease held in the database itself, so that whatever holds it dies with its holder:
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}) on a 64-bit key derived from the
 *       table and host, on a connection of its own kept until release; a killed holder's session ends and the
 *       lock with it;</li>
 *   <li>MySQL/MariaDB: {@code GET_LOCK(name, 0)} on a connection of its own, likewise;</li>
 *   <li>SQLite: an OS lock (fcntl, through {@link FileChannel#tryLock}) on one byte, chosen by the host, of a lock
 *       file next to the database ({@code <database>-fleet-reconciler.lock}, empty, left in place). The database
 *       file itself is never locked by this class: SQLite's own locks on it are per process, and closing another
 *       descriptor of the file would drop them. The OS releases the lock when the process dies.</li>
 * </ul>
 * Acquiring costs one round trip (a connection from the data source and one query; SQLite: a system call), and
 * releasing one more. Thread-safe; {@link #close()} when the store closes.
 */
public final class DatabaseLease implements WriterLease, AutoCloseable {
    private final Jdbi jdbi;
    private final Supplier<Dialect> dialect;
    private final Supplier<Path> sqliteFile;
    private final String tableName;
    private FileChannel channel;
    private Path lockFile;
    private final Set<FileLock> held = new HashSet<>();

    /**
     * @param jdbi the store's connections
     * @param dialect the database's dialect, resolved on first use (an SQLite store named by its URL answers without
     *     opening the table, so that many stores of one file taking the lease at once do not all prepare it)
     * @param sqliteFile the SQLite database file, resolved on first use (SQLite only)
     * @param tableName the table whose rows the lease protects (part of the key)
     */
    public DatabaseLease(Jdbi jdbi, Supplier<Dialect> dialect, Supplier<Path> sqliteFile, String tableName) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.sqliteFile = Objects.requireNonNull(sqliteFile, "sqliteFile");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public LeaseAttempt tryAcquire(String hostUuid) {
        HostUuids.require(hostUuid);
        try {
            return switch (dialect.get()) {
                case SQLITE -> fileLock(hostUuid);
                case POSTGRESQL -> postgres(hostUuid);
                case MYSQL -> mysql(hostUuid);
            };
        } catch (RuntimeException e) {
            return new LeaseAttempt.Unavailable(hostUuid, "cannot take the writer lease: " + StoreErrors.reason(e));
        }
    }

    private LeaseAttempt postgres(String host) {
        long key = ByteBuffer.wrap(digest(host)).getLong();
        Handle handle = jdbi.open();
        try {
            boolean got = handle.createQuery("SELECT pg_try_advisory_lock(?)").bind(0, key).mapTo(Boolean.class).one();
            if (got) {
                return held(host, handle, "SELECT pg_advisory_unlock(?)", key);
            }
            // A bigint key is stored as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
            String holder = handle.createQuery("SELECT 'PostgreSQL session ' || pid FROM pg_locks WHERE locktype = "
                    + "'advisory' AND granted AND objsubid = 1 AND classid::bigint = ? AND objid::bigint = ?")
                    .bind(0, key >>> 32).bind(1, key & 0xFFFFFFFFL).mapTo(String.class).findFirst()
                    .orElse("another PostgreSQL session");
            handle.close();
            return new LeaseAttempt.Busy(host, holder);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private LeaseAttempt mysql(String host) {
        // Lock names are at most 64 characters and server-wide: the database, table and host are hashed into it, so
        // that two databases on one server with the same table and host id do not block each other.
        Handle handle = jdbi.open();
        try {
            String schema = Objects.toString(handle.createQuery("SELECT DATABASE()").mapTo(String.class).one(), "");
            String name = "fleet-reconciler:" + HexFormat.of().formatHex(digest(schema + "\u0000" + host))
                    .substring(0, 40);
            Integer got = handle.createQuery("SELECT GET_LOCK(?, 0)").bind(0, name).mapTo(Integer.class).one();
            if (got != null && got == 1) {
                return held(host, handle, "SELECT RELEASE_LOCK(?)", name);
            }
            String holder = handle.createQuery("SELECT CONCAT('MySQL/MariaDB connection ', IS_USED_LOCK(?))")
                    .bind(0, name).mapTo(String.class).findFirst().orElse("another MySQL/MariaDB connection");
            handle.close();
            return new LeaseAttempt.Busy(host, holder == null ? "another MySQL/MariaDB connection" : holder);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static LeaseAttempt.Held held(String host, Handle handle, String releaseSql, Object key) {
        return new LeaseAttempt.Held(host, () -> {
            try {
                handle.createQuery(releaseSql).bind(0, key).mapTo(Object.class).findFirst();
            } catch (RuntimeException e) {
                // The session ends just below, and the lock with it.
            } finally {
                handle.close();
            }
        });
    }

    /**
     * The process's one channel on the lock file ({@link LockFiles}), shared with every other lease on it: POSIX
     * locks belong to the process, and closing any descriptor of the file would drop all of them, including a lock
     * another thread or store of this process holds. The JVM's own lock table keeps the threads of this process apart
     * (OverlappingFileLockException), as long as each {@link FileLock} is strongly held until released.
     */
    private synchronized LeaseAttempt fileLock(String host) {
        Path lockFile;
        try {
            if (channel == null) {
                Path file = sqliteFile.get();
                lockFile = file.resolveSibling(file.getFileName() + "-fleet-reconciler.lock");
                channel = LockFiles.acquire(lockFile);
                this.lockFile = lockFile;
            }
            lockFile = this.lockFile;
        } catch (IOException e) {
            return new LeaseAttempt.Unavailable(host, "cannot open the lock file beside the database: " + e);
        }
        // One byte per host, at an offset from the hash, far below any real file size (the file stays empty).
        long offset = (ByteBuffer.wrap(digest(host)).getLong() >>> 1) % (1L << 40);
        try {
            FileLock lock = channel.tryLock(offset, 1, false);
            if (lock == null) {
                return new LeaseAttempt.Busy(host, "another process (lock file " + lockFile + ")");
            }
            held.add(lock);
            return new LeaseAttempt.Held(host, () -> {
                synchronized (this) {
                    held.remove(lock);
                }
                try {
                    lock.release();
                } catch (IOException e) {
                    // the channel is closed: the lock is gone with it
                }
            });
        } catch (OverlappingFileLockException e) {
            return new LeaseAttempt.Busy(host, "another reconciler in this process");
        } catch (IOException e) {
            return new LeaseAttempt.Unavailable(host, "cannot lock " + lockFile + ": " + e);
        }
    }

    /** Releases this lease's SQLite locks and gives back its share of the lock file's channel. Idempotent. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            for (FileLock lock : held) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // the channel is closed: the lock is gone with it
                }
            }
            held.clear();
            LockFiles.release(lockFile);
            channel = null;
        }
    }

    /** A stable digest of this table and host: the lock key. */
    private byte[] digest(String host) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((tableName + "\u0000" + host).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
