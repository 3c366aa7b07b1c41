package io.decnet.reconciler.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one reconcile pass (or of a dry run, where every change is {@link ChangeStatus#PLANNED}).
 *
 * <p>The three counters match DECNET's {@code reconcile: inserted=N deleted=N state_updated=N} line and count
 * only {@link ChangeStatus#APPLIED} changes; a dry run counts {@link ChangeStatus#PLANNED} ones instead.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostUuid the host reconciled
 * @param startedAt when the pass started, from the reconciler's clock
 * @param dryRun whether this pass only planned
 * @param stateFile whether the state file was usable
 * @param runtime whether the runtime was observable
 * @param changes every change, in plan order
 * @param skips what was left alone and why
 * @param failure why the pass failed, or {@code null}
 * @param timings how long each phase took
 * @param oddRows rows of this host that held something DECNET does not write (a blank state, services that are not
 *     a JSON array, ...): read and reconciled all the same, named here
 */
public record ReconcileReport(
        String hostUuid,
        Instant startedAt,
        boolean dryRun,
        SourceStatus stateFile,
        SourceStatus runtime,
        List<Change> changes,
        List<Skip> skips,
        Failure failure,
        PhaseTimings timings,
        List<OddRow> oddRows) {

    public ReconcileReport {
        Objects.requireNonNull(hostUuid, "hostUuid");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(runtime, "runtime");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        skips = List.copyOf(Objects.requireNonNull(skips, "skips"));
        Objects.requireNonNull(timings, "timings");
        oddRows = List.copyOf(Objects.requireNonNull(oddRows, "oddRows"));
    }

    /** A report without odd rows. */
    public ReconcileReport(String hostUuid, Instant startedAt, boolean dryRun, SourceStatus stateFile,
            SourceStatus runtime, List<Change> changes, List<Skip> skips, Failure failure, PhaseTimings timings) {
        this(hostUuid, startedAt, dryRun, stateFile, runtime, changes, skips, failure, timings, List.of());
    }

    /** Rows inserted (planned, in a dry run). */
    public int inserted() {
        return count(ChangeKind.INSERT);
    }

    /** Rows deleted (planned, in a dry run). */
    public int deleted() {
        return count(ChangeKind.DELETE);
    }

    /** Rows whose state changed (planned, in a dry run), whether or not their configuration changed too. */
    public int stateUpdated() {
        return (int) counted().filter(c -> c.kind().changesState()).count();
    }

    /** Rows whose services, ip or decky_config were rewritten (planned, in a dry run). */
    public int configUpdated() {
        return (int) counted().filter(c -> c.kind().changesConfig()).count();
    }

    /** Changes that lost a race with another writer. */
    public int conflicts() {
        return (int) changes.stream().filter(c -> c.status() == ChangeStatus.CONFLICT).count();
    }

    /** Whether anything was (or, in a dry run, would be) written. */
    public boolean hasChanges() {
        return counted().findAny().isPresent();
    }

    /** Whether the pass failed (see {@link #failure()}); a failed pass wrote nothing. */
    public boolean failed() {
        return failure != null;
    }

    public Optional<Failure> findFailure() {
        return Optional.ofNullable(failure);
    }

    /** DECNET's line, exactly: {@code reconcile: inserted=N deleted=N state_updated=N}. */
    public String countsLine() {
        return "reconcile: inserted=" + inserted() + " deleted=" + deleted() + " state_updated=" + stateUpdated();
    }

    private int count(ChangeKind kind) {
        return (int) counted().filter(c -> c.kind() == kind).count();
    }

    private java.util.stream.Stream<Change> counted() {
        ChangeStatus wanted = dryRun ? ChangeStatus.PLANNED : ChangeStatus.APPLIED;
        return changes.stream().filter(c -> c.status() == wanted);
    }
}
