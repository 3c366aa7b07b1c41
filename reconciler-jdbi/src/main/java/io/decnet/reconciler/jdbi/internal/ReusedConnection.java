package io.decnet.reconciler.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last connection a pass used open for the next, so that a converged pass on a database server does not
 * pay for a new connection (TCP, TLS and a SCRAM handshake cost PostgreSQL tens of milliseconds, more than the
 * pass's {@code SELECT}). At most one idle connection; it is reused only when it is back in auto-commit mode (no
 * transaction left open), was idle for less than {@code maxIdle}, and answers {@link Connection#isValid} within
 * {@code validationTimeout}; otherwise it is closed and a new one is opened, so a restarted or killed server costs
 * the pass nothing but that check. {@link #close()} closes the idle connection; a connection handed back afterwards
 * is closed at once.
 *
 * <p>Thread-safe. Not for SQLite: a kept connection would go on writing to a database file that was deleted and
 * created anew, and opening one costs about a millisecond there.
 */
public final class ReusedConnection implements ConnectionFactory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReusedConnection.class);
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(2);

    private final ConnectionFactory opener;
    private final long maxIdleNanos;
    private final int validationSeconds;
    private final LongSupplier nanoTime;
    private Connection idle;
    private long idleSince;
    private boolean closed;

    public ReusedConnection(ConnectionFactory opener, Duration maxIdle, Duration validationTimeout,
            LongSupplier nanoTime) {
        this.opener = opener;
        this.maxIdleNanos = maxIdle.toNanos();
        this.validationSeconds = (int) Math.max(1, validationTimeout.toSeconds());
        this.nanoTime = nanoTime;
    }

    public static ReusedConnection of(ConnectionFactory opener) {
        return new ReusedConnection(opener, DEFAULT_MAX_IDLE, DEFAULT_VALIDATION_TIMEOUT, System::nanoTime);
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection kept;
        long since;
        synchronized (this) {
            kept = idle;
            since = idleSince;
            idle = null;
        }
        if (kept != null) {
            if (nanoTime.getAsLong() - since < maxIdleNanos && isValid(kept)) {
                return kept;
            }
            closeQuietly(kept);
        }
        return opener.openConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (!reusable(connection)) {
            closeQuietly(connection);
            return;
        }
        Connection surplus = connection;
        synchronized (this) {
            if (!closed && idle == null) {
                idle = connection;
                idleSince = nanoTime.getAsLong();
                surplus = null;
            }
        }
        if (surplus != null) {
            surplus.close();
        }
    }

    /** Whether a connection is kept now (for tests and the store's description). */
    public synchronized boolean holdsIdle() {
        return idle != null;
    }

    @Override
    public void close() {
        Connection kept;
        synchronized (this) {
            closed = true;
            kept = idle;
            idle = null;
        }
        if (kept != null) {
            closeQuietly(kept);
        }
    }

    private boolean isValid(Connection connection) {
        try {
            return connection.isValid(validationSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean reusable(Connection connection) {
        try {
            return !connection.isClosed() && connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection that is no longer used failed", e);
        }
    }
}
