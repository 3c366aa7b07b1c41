package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Getting a store's table ready on first use: the dialect, write-ahead logging on SQLite, the table created or its
 * columns checked, the value conversions registered. On SQLite a preparation refused with {@code SQLITE_BUSY} (the
 * journal-mode switch and the table's creation get no busy handler) is tried again within the busy timeout.
 * Thread-safe; the store calls it under its own lock and caches the result.
 */
public final class StorePreparation {
    private static final Logger LOG = LoggerFactory.getLogger("io.decnet.reconciler.jdbi.JdbiFleetStore");

    private final Jdbi jdbi;
    private final String tableName;
    private final boolean createTableIfMissing;
    private final boolean readOnly;
    private final JdbcTarget target;
    private final String configuredWhere;
    private final Duration busyTimeout;
    private final AtomicBoolean loggedAbsent = new AtomicBoolean();

    /**
     * @param target the URL the store was opened from, or {@code null} for a caller's data source
     * @param busyTimeout how long an SQLite preparation keeps trying while another connection holds the file
     */
    public StorePreparation(Jdbi jdbi, String tableName, boolean createTableIfMissing, boolean readOnly,
            JdbcTarget target, Duration busyTimeout) {
        this.jdbi = jdbi;
        this.tableName = tableName;
        this.createTableIfMissing = createTableIfMissing;
        this.readOnly = readOnly;
        this.target = target;
        this.configuredWhere = target == null ? null : target.description();
        this.busyTimeout = busyTimeout;
    }

    private void logAbsentOnce(String what) {
        if (loggedAbsent.compareAndSet(false, true)) {
            LOG.info("{}; this read-only store reads it as no rows and creates nothing", what);
        }
    }

    /**
     * Opens the table: detects the dialect, switches SQLite to write-ahead logging (not read-only), creates the
     * table if asked and checks its columns. Returns {@code null} when read-only and the database or table is
     * absent.
     *
     * @throws FleetStoreException naming the database and the reason
     */
    public PreparedStore prepare() {
        if (readOnly && target != null) {
            Optional<Path> file = target.sqliteFile();
            if (file.isPresent() && !Files.exists(file.get())) {
                logAbsentOnce(target.description() + " does not exist");
                return null;
            }
        }
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        while (true) {
            try {
                return prepareOnce();
            } catch (FleetStoreException e) {
                // Switching the journal mode, or a read turning into the table's creation, is refused at once
                // (no busy handler) while another connection writes: try again, within the busy timeout.
                if (target == null || !target.sqlite() || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private PreparedStore prepareOnce() {
        try {
            return jdbi.withHandle(handle -> {
                DatabaseMetaData metadata = handle.getConnection().getMetaData();
                Dialect dialect = Dialect.detect(metadata.getDatabaseProductName());
                if (target != null && target.sqlite() && !readOnly) {
                    String mode = target.enableWal(handle);
                    if (!"wal".equalsIgnoreCase(mode)) {
                        LOG.warn("{} stays in journal mode {}: write-ahead logging could not be switched on",
                                target.description(), mode);
                    }
                }
                String where = configuredWhere != null ? configuredWhere
                        : metadata.getDatabaseProductName() + " at " + Credentials.mask(metadata.getURL());
                if (readOnly && !TableSchema.exists(handle, dialect, tableName)) {
                    logAbsentOnce("table " + tableName + " does not exist in " + where);
                    return null;
                }
                PreparedStore store = PreparedStore.on(jdbi,
                        TableSchema.prepare(handle, dialect, tableName, createTableIfMissing && !readOnly, where),
                        where);
                LOG.debug("fleet store ready: table {} in {} ({}), timestamps to {}", tableName, where,
                        dialect.displayName(), store.table().timestampPrecision());
                return store;
            });
        } catch (JdbiException | SQLException e) {
            throw StoreErrors.translate(e, "open table " + tableName,
                    Objects.requireNonNullElse(configuredWhere, "the DataSource's database"), StoreErrors.Access.READ,
                    url());
        }
    }

    private String url() {
        return target == null ? null : target.url();
    }
}
