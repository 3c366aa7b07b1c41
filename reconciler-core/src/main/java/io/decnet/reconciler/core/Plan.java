package io.decnet.reconciler.core;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SourceStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pass would write, and why: a pure function of the state file, this host's rows and Docker's
 * containers (see {@link Reconciler#plan}). Applying a plan sends {@link #writes()} to the store in one call.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostUuid the host planned for
 * @param stateFile whether the state file was usable
 * @param runtime whether Docker was observable ({@link SourceStatus#notRead()} when the pass stopped before)
 * @param changes each write with the change it reports, in order: the state file's deckies in file order, then
 *     deletes in the order the rows were read
 * @param skips what is deliberately left alone, and why
 * @param failure why planning failed (the store could not be read), or {@code null}
 * @param oddRows rows of the host that held something DECNET does not write; planned like the others
 */
public record Plan(
        String hostUuid,
        SourceStatus stateFile,
        SourceStatus runtime,
        List<PlannedChange> changes,
        List<Skip> skips,
        Failure failure,
        List<OddRow> oddRows) {

    public Plan {
        Objects.requireNonNull(hostUuid, "hostUuid");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(runtime, "runtime");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        skips = List.copyOf(Objects.requireNonNull(skips, "skips"));
        oddRows = List.copyOf(Objects.requireNonNull(oddRows, "oddRows"));
    }

    /** A plan without odd rows. */
    public Plan(String hostUuid, SourceStatus stateFile, SourceStatus runtime, List<PlannedChange> changes,
            List<Skip> skips, Failure failure) {
        this(hostUuid, stateFile, runtime, changes, skips, failure, List.of());
    }

    /** Whether the plan writes nothing (a converged fleet, an unreadable state file or a failed read). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The conditional writes, in order. */
    public List<RowChange> writes() {
        return changes.stream().map(PlannedChange::write).toList();
    }

    /** The changes as reported, each {@link ChangeStatus#PLANNED}. */
    public List<Change> reportedChanges() {
        return changes.stream().map(PlannedChange::change).toList();
    }

    public Optional<Failure> findFailure() {
        return Optional.ofNullable(failure);
    }

    /**
     * One write of a plan and the change it reports.
     *
     * <p>Immutable and thread-safe.
     *
     * @param write the conditional write for the store
     * @param change the change for the report, {@link ChangeStatus#PLANNED}
     */
    public record PlannedChange(RowChange write, Change change) {
        public PlannedChange {
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(change, "change");
            if (!write.name().equals(change.name())) {
                throw new IllegalArgumentException(
                        "write is for '" + write.name() + "' but change is for '" + change.name() + "'");
            }
        }
    }
}
