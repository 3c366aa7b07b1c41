package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applies one call's changes on a handle already in a transaction: one JDBC batch per kind of change (insert,
 * update, delete), each entry conditional, its update count telling APPLIED (1) from CONFLICT (0).
 *
 * <p>Changes of one kind run together, so a call whose changes name distinct deckies (what a reconcile pass
 * produces) costs at most three round trips. When a name comes back within a call, the changes are cut into
 * segments at that point and the segments run in order, so the result is always that of applying the changes one
 * by one. Stateless, thread-safe.
 */
final class ChangeWriter {
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
        if (indexes.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql);
        for (int i : indexes) {
            List<Argument> arguments = arguments(host, changes.get(i));
            for (int position = 0; position < arguments.size(); position++) {
                batch.bind(position, arguments.get(position));
            }
            batch.add();
        }
        int[] counts = batch.execute();
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

    private List<Argument> arguments(String host, RowChange change) {
        Dialect dialect = table.dialect();
        long precision = table.precisionNanos();
        if (change instanceof RowChange.Insert insert) {
            FleetRow row = insert.row();
            List<Argument> arguments = new ArrayList<>(List.of(text(host), text(row.name()),
                    text(ServicesJson.write(row.services())), text(row.deckyConfig()), text(row.deckyIp()),
                    text(row.state().value()), text(row.lastError()), text(row.composeHash()),
                    dialect.timestamp(row.lastSeen(), precision), dialect.timestamp(row.updatedAt(), precision)));
            if (dialect.insertRepeatsKey()) {
                arguments.add(text(host));
                arguments.add(text(row.name()));
            }
            return arguments;
        }
        if (change instanceof RowChange.Update update) {
            return List.of(text(update.state().value()), text(ServicesJson.write(update.services())),
                    text(update.deckyIp()), text(update.deckyConfig()), dialect.timestamp(update.lastSeen(), precision),
                    dialect.timestamp(update.updatedAt(), precision), text(host), text(update.name()),
                    text(update.expectedState().value()), dialect.timestamp(update.expectedUpdatedAt(), precision));
        }
        RowChange.Delete delete = (RowChange.Delete) change;
        return List.of(text(host), text(delete.name()), text(delete.expectedState().value()),
                dialect.timestamp(delete.expectedUpdatedAt(), precision));
    }

    private static Argument text(String value) {
        return (position, statement, context) -> statement.setString(position, value);
    }

    private static String abbreviate(int[] counts) {
        return counts.length <= 8 ? Arrays.toString(counts)
                : Arrays.toString(Arrays.copyOf(counts, 8)).replace("]", ", ...]");
    }
}
