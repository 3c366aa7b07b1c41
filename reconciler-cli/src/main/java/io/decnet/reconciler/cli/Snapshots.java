package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.WriteOutcome;
import java.util.List;

/**
 * Keeps what one pass read from the state file and the table, so that its report can show each change's columns
 * before and after (the report itself carries only states). Not thread-safe: one pass at a time.
 */
final class Snapshots {
    private DesiredFleet fleet;
    private List<FleetRow> rows = List.of();

    /** {@code source}, remembering the fleet it reads. */
    StateSource recording(StateSource source) {
        return new StateSource() {
            @Override
            public DesiredFleet read() {
                DesiredFleet read = source.read();
                fleet = read;
                return read;
            }

            @Override
            public boolean isStillAbsent() {
                return source.isStillAbsent();
            }
        };
    }

    /** {@code store}, remembering the rows it reads. */
    FleetStore recording(FleetStore store) {
        return new FleetStore() {
            @Override
            public List<FleetRow> read(String hostUuid) {
                List<FleetRow> read = store.read(hostUuid);
                rows = read == null ? List.of() : List.copyOf(read);
                return read;
            }

            @Override
            public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
                return store.apply(hostUuid, changes);
            }
        };
    }

    /** The fleet read, or {@code null} before the state file was read. */
    DesiredFleet fleet() {
        return fleet;
    }

    /** The rows read (empty before the table was read). */
    List<FleetRow> rows() {
        return rows;
    }
}
