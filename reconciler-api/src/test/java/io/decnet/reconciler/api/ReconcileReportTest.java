package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileReportTest {

    private static final SourceStatus OK = new SourceStatus(true, "ok");

    private static Change change(String name, ChangeKind kind, ChangeStatus status) {
        return new Change(name, kind, DeckyState.FAILED, DeckyState.RUNNING, "test", status);
    }

    private static ReconcileReport report(boolean dryRun, Change... changes) {
        return new ReconcileReport("local", Instant.EPOCH, dryRun, OK, OK, List.of(changes), List.of(), null,
                PhaseTimings.NONE);
    }

    @Test
    void countsOnlyAppliedChangesAndPrintsDecnetsLine() {
        ReconcileReport report = report(false,
                change("a", ChangeKind.INSERT, ChangeStatus.APPLIED),
                change("b", ChangeKind.INSERT, ChangeStatus.CONFLICT),
                change("c", ChangeKind.DELETE, ChangeStatus.APPLIED),
                change("d", ChangeKind.STATE_AND_CONFIG_UPDATE, ChangeStatus.APPLIED),
                change("e", ChangeKind.CONFIG_UPDATE, ChangeStatus.APPLIED),
                change("f", ChangeKind.STATE_UPDATE, ChangeStatus.FAILED));

        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=1 deleted=1 state_updated=1");
        assertThat(report.configUpdated()).isEqualTo(2);
        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.hasChanges()).isTrue();
    }

    @Test
    void aDryRunCountsWhatItPlanned() {
        ReconcileReport report = report(true,
                change("a", ChangeKind.STATE_UPDATE, ChangeStatus.PLANNED),
                change("b", ChangeKind.INSERT, ChangeStatus.PLANNED));

        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=1 deleted=0 state_updated=1");
    }

    @Test
    void aConvergedPassHasNoChanges() {
        ReconcileReport report = report(false);

        assertThat(report.hasChanges()).isFalse();
        assertThat(report.failed()).isFalse();
        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
    }
}
