package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applies one call's changes on a handle already in a transaction: JDBC batches per kind of change (insert,
 * update, delete), each entry conditional, its update count telling APPLIED (1) from CONFLICT (0).
 *
 * <p>Changes of one kind run together, in batches of at most {@value #BATCH} entries, so a call whose changes name
 * distinct deckies (what a reconcile pass produces) costs one round trip per kind and per {@value #BATCH} rows
 * (three for a pass of up to {@value #BATCH} changes of each kind). The cap bounds memory: JDBI and the driver keep
 * every bound entry of a batch until it runs, about a kilobyte each, so one batch of 300,000 inserts alone filled a
 * 512 MiB heap. When a name comes back within a call, the changes are cut into segments at that point and the
 * segments run in order, so the result is always that of applying the changes one by one. Stateless, thread-safe.
 */
final class ChangeWriter {
    /** The most entries sent in one JDBC batch. */
    static final int BATCH = 1_000;

    private final FleetTable table;

    ChangeWriter(FleetTable table) {
        this.table = table;
    }

    List<WriteOutcome> apply(Handle handle, String host, List<RowChange> changes) {
        WriteOutcome[] outcomes = new WriteOutcome[changes.size()];
        for (List<Integer> segment : segments(changes)) {
            run(handle, host, changes, segment, RowChange.Insert.class, table.insert(), outcomes);
            run(handle, host, changes, segment, RowChange.Update.class, table.update(), outcomes);
            run(handle, host, changes, segment, RowChange.Delete.class, table.delete(), outcomes);
        }
        return List.of(outcomes);
    }

    /** Indexes of {@code changes}, cut wherever a name repeats within the current piece. */
    private static List<List<Integer>> segments(List<RowChange> changes) {
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (!names.add(changes.get(i).name())) {
                segments.add(current);
                current = new ArrayList<>();
                names.clear();
                names.add(changes.get(i).name());
            }
            current.add(i);
        }
        segments.add(current);
        return segments;
    }

    private void run(Handle handle, String host, List<RowChange> changes, List<Integer> segment,
            Class<? extends RowChange> kind, String sql, WriteOutcome[] outcomes) {
        List<Integer> indexes = segment.stream().filter(i -> kind.isInstance(changes.get(i))).toList();
        for (int from = 0; from < indexes.size(); from += BATCH) {
            runBatch(handle, host, changes, indexes.subList(from, Math.min(indexes.size(), from + BATCH)), sql,
                    outcomes);
        }
    }

    private void runBatch(Handle handle, String host, List<RowChange> changes, List<Integer> indexes, String sql,
            WriteOutcome[] outcomes) {
        int[] counts;
        try (PreparedBatch batch = handle.prepareBatch(sql)) {
            for (int i : indexes) {
                bind(batch, host, changes.get(i));
                batch.add();
            }
            counts = batch.execute();
        }
        if (counts.length != indexes.size()) {
            throw new FleetStoreException("the JDBC driver returned " + counts.length + " update counts for a batch of "
                    + indexes.size() + " statements on table " + table.name() + "; nothing was applied");
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == Statement.SUCCESS_NO_INFO) {
                throw new FleetStoreException("the JDBC driver reported no per-row update counts for a batch on table "
                        + table.name() + " (counts " + abbreviate(counts) + "), so conditional writes cannot tell "
                        + "applied from conflicting rows; turn off bulk or rewritten batches in the JDBC URL "
                        + "(MariaDB: useBulkStmts=false; MySQL: rewriteBatchedStatements=false); nothing was applied");
            }
            outcomes[indexes.get(k)] = counts[k] > 0 ? WriteOutcome.APPLIED : WriteOutcome.CONFLICT;
        }
    }

    /** Binds one change by column name; timestamps and states convert as {@link ColumnArguments} registered. */
    private static void bind(PreparedBatch batch, String host, RowChange change) {
        batch.bind("host_uuid", host).bind("name", change.name());
        if (change instanceof RowChange.Insert insert) {
            FleetRow row = insert.row();
            batch.bind("services", ServicesJson.write(row.services())).bind("decky_config", row.deckyConfig())
                    .bind("decky_ip", row.deckyIp()).bindByType("state", row.state(), DeckyState.class)
                    .bind("last_error", row.lastError()).bind("compose_hash", row.composeHash())
                    .bindByType("last_seen", row.lastSeen(), Instant.class)
                    .bindByType("updated_at", row.updatedAt(), Instant.class);
        } else if (change instanceof RowChange.Update update) {
            batch.bindByType("state", update.state(), DeckyState.class)
                    .bind("services", ServicesJson.write(update.services())).bind("decky_ip", update.deckyIp())
                    .bind("decky_config", update.deckyConfig())
                    .bindByType("last_seen", update.lastSeen(), Instant.class)
                    .bindByType("updated_at", update.updatedAt(), Instant.class)
                    .bindByType("expected_state", update.expectedState(), DeckyState.class)
                    .bindByType("expected_updated_at", update.expectedUpdatedAt(), Instant.class);
        } else {
            RowChange.Delete delete = (RowChange.Delete) change;
            batch.bindByType("expected_state", delete.expectedState(), DeckyState.class)
                    .bindByType("expected_updated_at", delete.expectedUpdatedAt(), Instant.class);
        }
    }

    private static String abbreviate(int[] counts) {
        return counts.length <= 8 ? Arrays.toString(counts)
                : Arrays.toString(Arrays.copyOf(counts, 8)).replace("]", ", ...]");
    }
}
