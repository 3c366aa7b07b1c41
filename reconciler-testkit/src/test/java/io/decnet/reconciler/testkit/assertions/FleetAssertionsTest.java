package io.decnet.reconciler.testkit.assertions;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.Rows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetAssertionsTest {
    private static final SourceStatus USABLE = new SourceStatus(true, "present, 2 deckies");

    private final InMemoryFleetStore store = InMemoryFleetStore.create()
            .put(Rows.row("web-01").state(DeckyState.DEGRADED).build(), Rows.row("web-02").build(),
                    Rows.row("far-01").host("host-b").build());

    @Test
    void storeAssertionsPassOnWhatIsThere() {
        assertThat(store).hasRowCount("local", 2).hasRowNames("local", "web-02", "web-01")
                .hasNoRow("local", "far-01").hasNoRow("host-b", "web-01");
        assertThat(store).hasRow("local", "web-01").withState(DeckyState.DEGRADED).withServices("ssh")
                .withIp(null).withUpdatedAt(Rows.DEFAULT_UPDATED_AT);
        assertThat(store).hasReadCount(0).hasApplyCount(0);
    }

    @Test
    void aMissingRowFailureListsTheRowsThatWerePresentOnEveryHost() {
        assertThatThrownBy(() -> assertThat(store).hasRow("local", "web-03"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a row 'web-03' of host 'local'")
                .hasMessageContaining("[web-01=degraded, web-02=running]")
                .hasMessageContaining("host-b/far-01=running");
    }

    @Test
    void aWrongCountOrWrongNamesFailureListsTheRows() {
        assertThatThrownBy(() -> assertThat(store).hasRowCount("local", 3))
                .hasMessageContaining("Expected 3 rows of host 'local'").hasMessageContaining("2 rows were");
        assertThatThrownBy(() -> assertThat(store).hasRowNames("local", "web-01"))
                .hasMessageContaining("[web-01=degraded, web-02=running]");
        assertThatThrownBy(() -> assertThat(store).hasRowCount("nobody", 1))
                .hasMessageContaining("that host had no rows");
    }

    @Test
    void aRowColumnFailureNamesTheColumnAndShowsTheRow() {
        assertThatThrownBy(() -> assertThat(store).hasRow("local", "web-01").withState("running"))
                .hasMessageContaining("state <running> but it was <degraded>")
                .hasMessageContaining("FleetRow[hostUuid=local, name=web-01");
        assertThatThrownBy(() -> assertThat(store).hasNoRow("local", "web-02"))
                .hasMessageContaining("Expected no row 'web-02'");
    }

    @Test
    void reportAssertionsPassOnWhatTheReportHolds() {
        ReconcileReport report = report(List.of(
                change("a", ChangeKind.INSERT, ChangeStatus.APPLIED),
                change("b", ChangeKind.STATE_AND_CONFIG_UPDATE, ChangeStatus.APPLIED),
                change("c", ChangeKind.DELETE, ChangeStatus.CONFLICT)),
                List.of(Skip.decky("far-01", SkipReason.OTHER_HOST, "belongs to host-b")), null);

        assertThat(report).hasCounts(1, 0, 1).hasConfigUpdated(1).hasConflicts(1)
                .hasChange("c", ChangeKind.DELETE).hasChange("a", ChangeKind.INSERT, ChangeStatus.APPLIED)
                .hasSkip(SkipReason.OTHER_HOST).hasSkip("far-01", SkipReason.OTHER_HOST).hasNoFailure();
    }

    @Test
    void aReportFailureMessageShowsCountsChangesSkipsAndFailure() {
        ReconcileReport report = report(List.of(change("a", ChangeKind.INSERT, ChangeStatus.FAILED)),
                List.of(Skip.pass(SkipReason.STORE_FAILED, "database is locked")),
                new Failure(Failure.Kind.STORE, "database is locked"));

        assertThatThrownBy(() -> assertThat(report).hasCounts(1, 0, 0))
                .hasMessageContaining("Expected counts inserted=1 deleted=0 state_updated=0")
                .hasMessageContaining("reconcile: inserted=0 deleted=0 state_updated=0")
                .hasMessageContaining("FAILED INSERT a")
                .hasMessageContaining("STORE_FAILED: database is locked")
                .hasMessageContaining("Failure[kind=STORE");
        assertThat(report).hasFailure(Failure.Kind.STORE);
        assertThatThrownBy(() -> assertThat(report).hasFailure(Failure.Kind.TIMEOUT))
                .hasMessageContaining("Expected a TIMEOUT failure");
        assertThatThrownBy(() -> assertThat(report).hasNoSkips()).hasMessageContaining("Expected no skips");
        assertThatThrownBy(() -> assertThat(report).isConverged()).hasMessageContaining("converged");
    }

    @Test
    void aPassWithoutChangesIsConvergedUnlessASourceWasUnusable() {
        ReconcileReport quiet = report(List.of(), List.of(), null);
        ReconcileReport blind = new ReconcileReport("local", Instant.EPOCH, false, USABLE,
                new SourceStatus(false, "unreachable: connection refused"), List.of(),
                List.of(Skip.pass(SkipReason.RUNTIME_UNREACHABLE, "connection refused")), null, PhaseTimings.NONE);

        assertThat(quiet).isConverged().hasNoChanges().hasNoSkips();
        assertThatThrownBy(() -> assertThat(blind).isConverged())
                .hasMessageContaining("runtime: unreachable: connection refused");
        assertThatThrownBy(() -> assertThat(report(List.of(change("a", ChangeKind.DELETE, ChangeStatus.CONFLICT)),
                List.of(), null)).hasNoChanges()).hasMessageContaining("CONFLICT DELETE a");
    }

    @Test
    void aStaticallyImportedAssertThatStillReachesAssertJForOtherTypes() {
        assertThat(List.of(1, 2)).containsExactly(1, 2);
        assertThat(store.rows("local").get(0)).withState(DeckyState.DEGRADED);
    }

    private static ReconcileReport report(List<Change> changes, List<Skip> skips, Failure failure) {
        return new ReconcileReport("local", Instant.EPOCH, false, USABLE, USABLE, changes, skips, failure,
                PhaseTimings.NONE);
    }

    private static Change change(String name, ChangeKind kind, ChangeStatus status) {
        return new Change(name, kind, kind == ChangeKind.INSERT ? null : DeckyState.RUNNING,
                kind == ChangeKind.DELETE ? DeckyState.TORN_DOWN : DeckyState.DEGRADED, "because", status);
    }
}
