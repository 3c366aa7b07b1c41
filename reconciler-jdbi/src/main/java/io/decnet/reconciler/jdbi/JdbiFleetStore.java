package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.jdbi.internal.DatabaseLease;
import io.decnet.reconciler.jdbi.internal.Dialect;
import io.decnet.reconciler.jdbi.internal.JdbcTarget;
import io.decnet.reconciler.jdbi.internal.PreparedStore;
import io.decnet.reconciler.jdbi.internal.ReusedConnection;
import io.decnet.reconciler.jdbi.internal.StoreErrors;
import io.decnet.reconciler.jdbi.internal.StorePreparation;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FleetStore} over DECNET's {@code fleet_deckies} table on SQLite, PostgreSQL or MySQL/MariaDB, through
 * JDBI. The database is recognised from the connection.
 *
 * <pre>{@code
 * try (JdbiFleetStore store = JdbiFleetStore.open("jdbc:sqlite:decnet.db")) {
 *     List<FleetRow> rows = store.read("local");
 * }
 * FleetStore shared = JdbiFleetStore.builder().dataSource(pool).tableName("fleet_deckies").build();
 * }</pre>
 *
 * <p>On first use the store connects, creates the table and its two indexes if the table is absent (DECNET's DDL,
 * unless {@link Builder#createTableIfMissing(boolean) switched off}) and checks that an existing table has every
 * column it needs; it never alters or drops a table. So even a store that is only read from changes the database
 * on first use: it creates the table if absent and, on SQLite opened from a URL, switches the database to
 * write-ahead logging, which is persistent (the file stays in journal mode {@code wal} and gains {@code -wal} and
 * {@code -shm} files). A {@link Builder#readOnly(boolean) read-only} store does neither (see there). A failure there is retried on the next call, so a store can
 * be built while the database is down. {@link #read} is one SELECT of the host's rows; {@link #apply} runs every
 * change in one transaction with one JDBC batch per kind of change, each change under its condition (see
 * {@link RowChange}). Values are always bound parameters; the only name spliced into SQL is the validated table
 * name. Errors come out as {@link FleetStoreException} with a one-line message that never contains credentials.
 *
 * <p>A store built from a JDBC URL opens a connection per call on SQLite (with write-ahead logging, a busy timeout
 * and write-locking transactions, so that DECNET's own writer makes it wait rather than fail); on PostgreSQL and
 * MySQL/MariaDB it keeps one idle connection from one pass to the next (checked with {@code isValid} before reuse,
 * replaced when broken or idle for 5 minutes, closed by {@link #close()}), because opening one costs those servers
 * more than the pass's own query. One built from a {@link DataSource} borrows from it and leaves its configuration
 * alone.
 *
 * <p>Thread-safe.
 */
public final class JdbiFleetStore implements FleetStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiFleetStore.class);

    private final Jdbi jdbi;
    private final String tableName;
    private final boolean readOnly;
    private final String configuredWhere;
    private final JdbcTarget target;
    /** The connection kept between passes on a database server; null for SQLite and a caller's DataSource. */
    private final ReusedConnection reused;
    /**
     * The writer lease's connections: never the kept one, because the lease lives in a session (an advisory lock,
     * {@code GET_LOCK}) that must end when the lease's connection is closed.
     */
    private final Jdbi leaseJdbi;
    private final Object preparing = new Object();
    private volatile PreparedStore prepared;
    private final StorePreparation preparation;
    private DatabaseLease lease;
    private volatile boolean closed;

    private JdbiFleetStore(Jdbi jdbi, String tableName, boolean createTableIfMissing, boolean readOnly,
            JdbcTarget target, Duration busyTimeout, ReusedConnection reused, Jdbi leaseJdbi) {
        this.jdbi = jdbi;
        this.reused = reused;
        this.leaseJdbi = leaseJdbi;
        this.tableName = tableName;
        this.readOnly = readOnly;
        this.target = target;
        this.configuredWhere = target == null ? null : target.description();
        this.preparation = new StorePreparation(jdbi, tableName, createTableIfMissing, readOnly, target, busyTimeout);
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        leaseJdbi.setTemplateEngine(TemplateEngine.NOP);
    }

    /**
     * A store over table {@code fleet_deckies} of {@code dataSource}, creating the table if absent.
     *
     * <p>The connections are used as the data source configures them. For MySQL/MariaDB, configure
     * {@code useAffectedRows=true} (the JDBC-URL form does it for you): with the drivers' default found-rows
     * counting, an insert that loses a race to a concurrent insert of the same row is reported
     * {@link io.decnet.reconciler.api.WriteOutcome#APPLIED} instead of a conflict. For SQLite, set a busy timeout.
     */
    public static JdbiFleetStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /**
     * A store over table {@code fleet_deckies} of the database at {@code jdbcUrl} ({@value JdbcUrls#SUPPORTED}),
     * creating the table if absent.
     */
    public static JdbiFleetStore open(String jdbcUrl) {
        return builder().jdbcUrl(jdbcUrl).build();
    }

    /** A store over table {@code fleet_deckies} of the SQLite database {@code file} (created if absent). */
    public static JdbiFleetStore sqlite(Path file) {
        Objects.requireNonNull(file, "file");
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** A builder for the other options. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<FleetRow> read(String hostUuid) {
        HostUuids.require(hostUuid);
        PreparedStore store = prepared();
        if (store == null) {
            return List.of();
        }
        try {
            return List.copyOf(jdbi.withHandle(handle -> store.read(handle, hostUuid)));
        } catch (JdbiException e) {
            throw StoreErrors.translate(e, "read table " + tableName, store.where(), StoreErrors.Access.READ,
                    url());
        }
    }

    /**
     * How many rows each host has in the table, every host included (for an overview such as the command's
     * {@code status}; a reconciler never reads other hosts' rows). Empty when the table or SQLite file does not
     * exist yet.
     *
     * @throws FleetStoreException when the table cannot be read
     */
    public Map<String, Integer> rowCountsByHost() {
        PreparedStore store = prepared();
        if (store == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(jdbi.withHandle(store::countByHost));
        } catch (JdbiException e) {
            throw StoreErrors.translate(e, "count the rows of table " + tableName, store.where(),
                    StoreErrors.Access.READ, url());
        }
    }

    @Override
    public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
        HostUuids.require(hostUuid);
        Objects.requireNonNull(changes, "changes");
        for (RowChange change : changes) {
            Objects.requireNonNull(change, "a change in changes");
            HostUuids.requireSameHost(hostUuid, change);
        }
        if (readOnly) {
            throw new FleetStoreException("store is read-only (readOnly(true), e.g. for a dry run): refusing to "
                    + "write " + changes.size() + " change" + (changes.size() == 1 ? "" : "s") + " to table "
                    + tableName + " in " + Objects.requireNonNullElse(configuredWhere, "the DataSource's database"));
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        PreparedStore store = prepared();
        try {
            return jdbi.inTransaction(handle -> store.apply(handle, hostUuid, changes));
        } catch (JdbiException e) {
            throw StoreErrors.translate(e, "write table " + tableName, store.where(), StoreErrors.Access.WRITE,
                    url());
        }
    }

    /**
     * Connects, recognises the database, creates the table if absent (when allowed) and checks its columns, unless
     * that was done already. {@link #read} and {@link #apply} do this on first use; call it to fail fast. A
     * {@link Builder#readOnly(boolean) read-only} store creates nothing: an absent table or SQLite file is not an
     * error and is looked for again on the next call.
     *
     * @throws FleetStoreException when the database cannot be reached or the table is missing or incomplete
     */
    public void prepare() {
        prepared();
    }

    /**
     * What the table's timestamp columns hold: one microsecond on SQLite and PostgreSQL, one second on a MySQL or
     * MariaDB {@code DATETIME} as DECNET creates it. Rows read back carry timestamps truncated to this.
     *
     * @throws FleetStoreException as {@link #prepare()}
     */
    public Duration timestampPrecision() {
        PreparedStore store = prepared();
        if (store == null) {
            throw new FleetStoreException("table " + tableName + " does not exist in "
                    + Objects.requireNonNullElse(configuredWhere, "the DataSource's database")
                    + " and this store is read-only, so it does not create it");
        }
        return store.table().timestampPrecision();
    }

    /**
     * The one-writer-per-host lease of this table, held in the database itself (see {@link WriterLease}):
     * PostgreSQL advisory lock, MySQL/MariaDB {@code GET_LOCK}, or for SQLite an OS lock on a file next to the
     * database ({@code <database>-fleet-reconciler.lock}). Each holds while its holder lives: a killed reconciler's
     * lease is released by the database or the OS. Taking it costs one connection and one query; giving it back one
     * more. The same lease object for every call; closing the store gives it back. A read-only store writes nothing
     * and returns {@link WriterLease#NONE}.
     */
    public WriterLease writerLease() {
        if (readOnly) {
            return WriterLease.NONE;
        }
        synchronized (preparing) {
            if (lease == null) {
                lease = new DatabaseLease(leaseJdbi, this::dialect, this::sqliteFile, tableName);
            }
            return lease;
        }
    }

    /** The store's dialect: SQLite from its URL, else from the prepared table (which names the product). */
    private Dialect dialect() {
        if (target != null && target.sqlite()) {
            return Dialect.SQLITE;
        }
        PreparedStore store = prepared();
        if (store == null) {
            throw new FleetStoreException("the table " + tableName + " does not exist yet");
        }
        return store.table().dialect();
    }

    /** The main database file of this SQLite store. */
    private Path sqliteFile() {
        if (target != null && target.sqliteFile().isPresent()) {
            return target.sqliteFile().get().toAbsolutePath();
        }
        String file = jdbi.withHandle(handle -> handle.createQuery("PRAGMA database_list")
                .map((rs, ctx) -> "main".equals(rs.getString("name")) ? rs.getString("file") : null)
                .stream().filter(Objects::nonNull).findFirst().orElse(""));
        if (file.isEmpty()) {
            throw new FleetStoreException("this SQLite database has no file (in memory?): no lease can be held");
        }
        return Path.of(file);
    }

    /**
     * Stops the store and gives back every writer lease it holds; later calls throw {@link IllegalStateException}.
     * Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (preparing) {
            if (lease != null) {
                lease.close();
            }
        }
        if (reused != null) {
            reused.close();
        }
    }

    @Override
    public String toString() {
        PreparedStore store = prepared;
        return "JdbiFleetStore[" + tableName + " in " + (store != null ? store.where()
                : Objects.requireNonNullElse(configuredWhere, "the DataSource's database")) + "]";
    }

    /** The prepared store; null when read-only and the database or table is absent (not cached: looked at again). */
    private PreparedStore prepared() {
        if (closed) {
            throw new IllegalStateException("this fleet store is closed");
        }
        PreparedStore store = prepared;
        if (store != null) {
            return store;
        }
        synchronized (preparing) {
            if (prepared == null) {
                prepared = preparation.prepare();
            }
            return prepared;
        }
    }

    /** The JDBC URL the store was opened from (its passwords are masked in messages), or {@code null}. */
    private String url() {
        return target == null ? null : target.url();
    }

    /**
     * Options of a {@link JdbiFleetStore}; {@link #build()} validates them. Set exactly one of
     * {@link #dataSource} and {@link #jdbcUrl}.
     *
     * <p>Not thread-safe: configure on one thread, then build.
     */
    public static final class Builder {
        private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
        private static final Duration MAX_BUSY_TIMEOUT = Duration.ofMinutes(10);

        private DataSource dataSource;
        private String jdbcUrl;
        private String tableName = "fleet_deckies";
        private boolean createTableIfMissing = true;
        private boolean readOnly;
        private Duration sqliteBusyTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Borrow connections from {@code dataSource} (its pool and settings are the caller's). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Open connections to {@code jdbcUrl}: one of {@value JdbcUrls#SUPPORTED}. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** The table to use; default {@code fleet_deckies}. Lower-case letters, digits, underscores; at most 48. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Whether to create the table (and its indexes) when absent; default true. */
        public Builder createTableIfMissing(boolean createTableIfMissing) {
            this.createTableIfMissing = createTableIfMissing;
            return this;
        }

        /**
         * Whether the store must never change the database; default false. A read-only store switches no journal
         * mode and creates no table: a table that does not exist reads as no rows (logged once at INFO), and so
         * does an SQLite file that does not exist, which is not created (SQLite connections from a
         * {@link #jdbcUrl} are opened with {@code SQLITE_OPEN_READONLY}, so a read-only file or mount works).
         * The columns of an existing table are still checked. {@link JdbiFleetStore#apply} throws
         * {@link FleetStoreException}. What a dry run uses. (A {@link #dataSource}'s connections are used as
         * configured; the store itself still writes nothing.)
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * How long an SQLite connection opened from a {@link #jdbcUrl} waits for another writer's lock before
         * failing; default 5 s, at most 10 min. (A {@link #dataSource} keeps its own setting.)
         */
        public Builder sqliteBusyTimeout(Duration sqliteBusyTimeout) {
            this.sqliteBusyTimeout = sqliteBusyTimeout;
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalArgumentException when an option is invalid (the message names it, what is allowed and
         *     what was given)
         * @throws FleetStoreException when no JDBC driver on the class path serves {@link #jdbcUrl}
         */
        public JdbiFleetStore build() {
            if ((dataSource == null) == (jdbcUrl == null)) {
                throw new IllegalArgumentException("set exactly one of dataSource and jdbcUrl; got "
                        + (dataSource == null ? "neither" : "both"));
            }
            if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
                throw new IllegalArgumentException("tableName must be 1 to 48 characters of a-z, 0-9 and _, not "
                        + "starting with a digit; got " + (tableName == null ? "null" : "'" + tableName + "'"));
            }
            if (sqliteBusyTimeout == null || sqliteBusyTimeout.isNegative()
                    || sqliteBusyTimeout.compareTo(MAX_BUSY_TIMEOUT) > 0) {
                throw new IllegalArgumentException("sqliteBusyTimeout must be between PT0S and " + MAX_BUSY_TIMEOUT
                        + "; got " + sqliteBusyTimeout);
            }
            if (dataSource != null) {
                Jdbi jdbi = Jdbi.create(dataSource);
                return new JdbiFleetStore(jdbi, tableName, createTableIfMissing, readOnly, null, sqliteBusyTimeout,
                        null, jdbi);
            }
            if (jdbcUrl.isBlank()) {
                throw new IllegalArgumentException("jdbcUrl must start with one of " + JdbcUrls.SUPPORTED
                        + "; got a blank string");
            }
            JdbcTarget target = JdbcTarget.of(jdbcUrl.strip());
            var properties = target.properties(sqliteBusyTimeout, readOnly);
            ConnectionFactory opener = () -> DriverManager.getConnection(target.url(), properties);
            ReusedConnection reused = target.sqlite() ? null : ReusedConnection.of(opener);
            Jdbi direct = Jdbi.create(opener);
            return new JdbiFleetStore(reused != null ? Jdbi.create(reused) : direct, tableName,
                    createTableIfMissing, readOnly, target, sqliteBusyTimeout, reused, direct);
        }
    }
}
