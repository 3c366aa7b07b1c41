package io.decnet.reconciler.jdbi.internal;

import java.time.Duration;
import java.util.List;

/**
 * The {@code fleet_deckies} table as found in one database: its dialect, its (validated) name, the precision of
 * its timestamp columns, and the statements the store runs on it. Every value is a bound parameter; only the
 * validated table name is spliced into the SQL. Immutable and thread-safe.
 */
public final class FleetTable {
    /** The columns the store reads and writes, all of DECNET's, in this order (also that of the SELECT). */
    static final List<String> COLUMNS = List.of("host_uuid", "name", "services", "decky_config", "decky_ip",
            "state", "last_error", "compose_hash", "last_seen", "updated_at");

    private final Dialect dialect;
    private final String name;
    private final long precisionNanos;
    private final String select;
    private final String countByHost;
    private final String insert;
    private final String update;
    private final String delete;

    FleetTable(Dialect dialect, String name, long precisionNanos) {
        this.dialect = dialect;
        this.name = name;
        this.precisionNanos = precisionNanos;
        String table = dialect.quote(name);
        String columns = String.join(", ", COLUMNS);
        // Named parameters: a column's value binds as :column, the values a conditional write expects as :expected_*.
        String condition = " WHERE host_uuid = :host_uuid AND name = :name AND state = :expected_state AND "
                + dialect.updatedAtMatches(":expected_updated_at");
        this.select = "SELECT " + columns + " FROM " + table + " WHERE host_uuid = :host_uuid ORDER BY name";
        this.countByHost = "SELECT host_uuid, COUNT(*) AS n FROM " + table + " GROUP BY host_uuid ORDER BY host_uuid";
        this.insert = dialect.insertIfAbsent(table, columns, String.join(", ", COLUMNS.stream().map(c -> ":" + c)
                .toList()));
        this.update = "UPDATE " + table + " SET state = :state, services = :services, decky_ip = :decky_ip,"
                + " decky_config = :decky_config, last_seen = :last_seen, updated_at = :updated_at" + condition;
        this.delete = "DELETE FROM " + table + condition;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String name() {
        return name;
    }

    /** What the timestamp columns hold: one microsecond, or coarser on MySQL/MariaDB DATETIME. */
    public Duration timestampPrecision() {
        return Precision.asDuration(precisionNanos);
    }

    long precisionNanos() {
        return precisionNanos;
    }

    String select() {
        return select;
    }

    String countByHost() {
        return countByHost;
    }

    String insert() {
        return insert;
    }

    String update() {
        return update;
    }

    String delete() {
        return delete;
    }

    /** The name of one of DECNET's indexes on this table: {@code ix_<table>_<column>}, as SQLAlchemy names it. */
    static String indexName(String table, String column) {
        return "ix_" + table + "_" + column;
    }
}
