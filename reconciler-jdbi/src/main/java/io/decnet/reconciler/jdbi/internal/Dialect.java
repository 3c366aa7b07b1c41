package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetStoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.argument.Argument;

/**
 * What differs between the databases DECNET runs on: DDL types, identifier quoting, the insert-if-absent
 * statement, how timestamps are bound, read and compared, and where column metadata lives. Detected from the
 * connection ({@link #detect}), never configured. Immutable and thread-safe.
 */
public enum Dialect {
    /** SQLite: types are affinities; timestamps are DECNET's canonical text (see {@link SqliteTimestamps}). */
    SQLITE("SQLite", "VARCHAR", "TEXT", "DATETIME") {
        @Override
        String quote(String identifier) {
            return '"' + identifier + '"';
        }

        @Override
        Argument timestamp(Instant value, long precisionNanos) {
            String text = value == null ? null : SqliteTimestamps.format(value);
            return (position, statement, context) -> statement.setString(position, text);
        }

        @Override
        Instant readTimestamp(ResultSet rs, String column) throws SQLException {
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            return SqliteTimestamps.parse(text).orElseThrow(() -> new FleetStoreException(column
                    + " is not a timestamp like DECNET writes (YYYY-MM-DD HH:MM:SS.ffffff): '" + text + "'"));
        }

        @Override
        String updatedAtMatches(String parameter) {
            return SqliteTimestamps.comparableSql("updated_at") + " IS " + parameter;
        }

        @Override
        String columnsQuery() {
            // pragma_table_info has no precision: the text holds what was written (we write microseconds).
            return "SELECT name, 6 FROM pragma_table_info(?)";
        }
    },

    /** PostgreSQL: {@code TIMESTAMP WITHOUT TIME ZONE} (microseconds). */
    POSTGRESQL("PostgreSQL", "VARCHAR", "TEXT", "TIMESTAMP WITHOUT TIME ZONE") {
        @Override
        String quote(String identifier) {
            return '"' + identifier + '"';
        }

        @Override
        String columnsQuery() {
            return "SELECT column_name, datetime_precision FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ?";
        }

        @Override
        String updatedAtMatches(String parameter) {
            return "updated_at IS NOT DISTINCT FROM " + parameter;
        }
    },

    /**
     * MySQL and MariaDB: {@code VARCHAR(255)}, {@code MEDIUMTEXT} and {@code DATETIME} as SQLAlchemy creates
     * them; {@code DATETIME} without a fractional precision holds whole seconds.
     */
    MYSQL("MySQL/MariaDB", "VARCHAR(255)", "MEDIUMTEXT", "DATETIME") {
        @Override
        String quote(String identifier) {
            return '`' + identifier + '`';
        }

        @Override
        String insertIfAbsent(String table, String columns, String placeholders) {
            // Not INSERT IGNORE (it turns other errors into warnings). The NOT EXISTS does the work; ON DUPLICATE KEY
            // only turns a racing insert into a no-op, and it keeps MariaDB Connector/J from sending the batch with
            // its bulk protocol, which rejects INSERT ... SELECT and returns no per-row counts.
            return "INSERT INTO " + table + " (" + columns + ") SELECT " + placeholders + " FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE host_uuid = :host_uuid AND name = :name)"
                    + " ON DUPLICATE KEY UPDATE name = name";
        }

        @Override
        List<String> createTable(String table, String hostIndex, String stateIndex) {
            // Indexes inline, so that the whole thing is one atomic CREATE ... IF NOT EXISTS. utf8mb4 so that any
            // name or JSON text fits; a binary collation so that names compare exactly, as on SQLite and PostgreSQL.
            return List.of("CREATE TABLE IF NOT EXISTS " + table + " (" + columnDefinitions()
                    + ", PRIMARY KEY (host_uuid, name), INDEX " + quote(hostIndex) + " (host_uuid), INDEX "
                    + quote(stateIndex) + " (state)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        }

        @Override
        String columnsQuery() {
            return "SELECT column_name, datetime_precision FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND table_name = ?";
        }

        @Override
        String updatedAtMatches(String parameter) {
            return "updated_at <=> " + parameter;
        }
    };

    private final String displayName;
    private final String varchar;
    private final String text;
    private final String datetime;

    Dialect(String displayName, String varchar, String text, String datetime) {
        this.displayName = displayName;
        this.varchar = varchar;
        this.text = text;
        this.datetime = datetime;
    }

    /** The dialect of a database whose JDBC driver names its product {@code productName}. */
    public static Dialect detect(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MYSQL;
        }
        throw new FleetStoreException("unsupported database '" + productName
                + "': the fleet store works with SQLite, PostgreSQL and MySQL/MariaDB");
    }

    /** A human name, for messages. */
    public String displayName() {
        return displayName;
    }

    /** {@code identifier} (already validated: lower-case letters, digits, underscores) quoted for this database. */
    abstract String quote(String identifier);

    /** The column list of DECNET's {@code fleet_deckies}, in this dialect's types. */
    final String columnDefinitions() {
        return "host_uuid " + varchar + " NOT NULL, name " + varchar + " NOT NULL, services " + text + " NOT NULL, "
                + "decky_config " + text + ", decky_ip " + varchar + ", state " + varchar + " NOT NULL, "
                + "last_error " + text + ", compose_hash " + varchar + ", last_seen " + datetime + ", "
                + "updated_at " + datetime + " NOT NULL";
    }

    /** The statements that create the table and its two indexes, each a no-op when its object exists. */
    List<String> createTable(String table, String hostIndex, String stateIndex) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " (" + columnDefinitions() + ", PRIMARY KEY (host_uuid, name))",
                "CREATE INDEX IF NOT EXISTS " + quote(hostIndex) + " ON " + table + " (host_uuid)",
                "CREATE INDEX IF NOT EXISTS " + quote(stateIndex) + " ON " + table + " (state)");
    }

    /**
     * INSERT of one row unless its key exists, reporting 1 or 0 rows. {@code ON CONFLICT} names the primary key, so
     * it absorbs exactly the duplicate and nothing else.
     */
    String insertIfAbsent(String table, String columns, String placeholders) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")"
                + " ON CONFLICT (host_uuid, name) DO NOTHING";
    }

    /**
     * The condition "updated_at equals {@code parameter}" (a named parameter), where a NULL value (a row whose
     * updated_at was unreadable) matches a column that is still unreadable.
     */
    abstract String updatedAtMatches(String parameter);

    /** A query of (column name, datetime precision) of the table named by its one parameter. */
    abstract String columnsQuery();

    /** {@code value} (may be null) bound as this database's timestamp, truncated to {@code precisionNanos}. */
    Argument timestamp(Instant value, long precisionNanos) {
        if (value == null) {
            return (position, statement, context) -> statement.setNull(position, Types.TIMESTAMP);
        }
        LocalDateTime utc = LocalDateTime.ofInstant(Precision.truncate(value, precisionNanos), ZoneOffset.UTC);
        // setObject(LocalDateTime) passes the wall-clock time as is; setTimestamp would go through the JVM's zone.
        return (position, statement, context) -> statement.setObject(position, utc);
    }

    /** The timestamp in {@code column} (its name, also used in an error message), or null. */
    Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
