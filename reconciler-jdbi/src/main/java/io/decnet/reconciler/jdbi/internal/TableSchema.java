package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetStoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the table, creates it (with DECNET's exact DDL and indexes) when it is absent and creation is allowed,
 * and checks that it has every column the store needs. Never alters or drops an existing table. Stateless,
 * thread-safe.
 */
public final class TableSchema {
    private static final Logger LOG = LoggerFactory.getLogger(TableSchema.class);

    private TableSchema() {
    }

    /**
     * The table {@code name} on {@code handle}'s database, created first if absent and {@code create} is set.
     *
     * @param where the database, for messages (no credentials)
     * @throws FleetStoreException when the table is absent and may not be created, or lacks columns
     */
    public static FleetTable prepare(Handle handle, Dialect dialect, String name, boolean create, String where) {
        Map<String, Integer> columns = columns(handle, dialect, name);
        if (columns.isEmpty()) {
            if (!create) {
                throw new FleetStoreException("table " + name + " does not exist in " + where
                        + " and creating it is switched off (createTableIfMissing(false))");
            }
            try {
                handle.useTransaction(h -> {
                    for (String statement : dialect.createTable(dialect.quote(name),
                            FleetTable.indexName(name, "host_uuid"), FleetTable.indexName(name, "state"))) {
                        h.execute(statement);
                    }
                });
                LOG.info("created table {} with indexes {} and {} in {}", name,
                        FleetTable.indexName(name, "host_uuid"), FleetTable.indexName(name, "state"), where);
            } catch (JdbiException e) {
                // Someone else (DECNET, another reconciler) created it at the same moment: PostgreSQL's
                // CREATE TABLE IF NOT EXISTS is not safe against that race. Their table will do.
                if (columns(handle, dialect, name).isEmpty()) {
                    throw e;
                }
                LOG.debug("table {} was created concurrently in {}", name, where);
            }
            columns = columns(handle, dialect, name);
        }
        List<String> missing = new ArrayList<>(FleetTable.COLUMNS);
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw new FleetStoreException("table " + name + " lacks column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (in " + where + "); the fleet store needs DECNET's schema "
                    + "and never alters an existing table");
        }
        int digits = Math.min(fractionalDigits(columns.get("updated_at")), fractionalDigits(columns.get("last_seen")));
        return new FleetTable(dialect, name, Precision.ofFractionalDigits(digits));
    }

    /** Whether the table {@code name} exists on {@code handle}'s database (one catalogue query; changes nothing). */
    public static boolean exists(Handle handle, Dialect dialect, String name) {
        return !columns(handle, dialect, name).isEmpty();
    }

    private static int fractionalDigits(Integer reported) {
        return reported == null ? 6 : reported;
    }

    /** Column name (lower case) to datetime precision (null when not a datetime); empty when there is no table. */
    private static Map<String, Integer> columns(Handle handle, Dialect dialect, String name) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Column column : handle.createQuery(dialect.columnsQuery()).bind(0, name).map((rs, ctx) -> {
            int precision = rs.getInt(2);
            return new Column(rs.getString(1).toLowerCase(Locale.ROOT), rs.wasNull() ? null : precision);
        }).list()) {
            columns.put(column.name(), column.datetimePrecision());
        }
        return columns;
    }

    private record Column(String name, Integer datetimePrecision) {
    }
}
