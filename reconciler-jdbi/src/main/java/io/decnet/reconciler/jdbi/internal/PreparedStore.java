package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's work once the table is known: the one SELECT of a host's rows and the batched conditional writes.
 * Immutable and thread-safe.
 *
 * @param table the table as found
 * @param where the database, for messages (no credentials)
 */
public record PreparedStore(FleetTable table, String where) {

    /** The store for {@code table}, its value conversions registered on {@code jdbi} (once, here). */
    public static PreparedStore on(Jdbi jdbi, FleetTable table, String where) {
        ColumnArguments.register(jdbi, table);
        return new PreparedStore(table, where);
    }

    /** The rows of {@code host}: one SELECT. */
    public List<FleetRow> read(Handle handle, String host) {
        return handle.createQuery(table.select())
                .bind("host_uuid", host)
                .map(new RowMapping(table))
                .list();
    }

    /** Applies {@code changes} on {@code handle}, which the caller runs in one transaction. */
    /** How many rows each host has, every host included, ordered by host. */
    public Map<String, Integer> countByHost(Handle handle) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery(table.countByHost()).map((rs, ctx) -> Map.entry(
                String.valueOf(rs.getString("host_uuid")), rs.getInt("n")))
                .forEach(e -> counts.merge(e.getKey(), e.getValue(), Integer::sum));
        return counts;
    }

    public List<WriteOutcome> apply(Handle handle, String host, List<RowChange> changes) {
        return new ChangeWriter(table).apply(handle, host, changes);
    }
}
