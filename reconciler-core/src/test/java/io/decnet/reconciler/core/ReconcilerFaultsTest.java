package io.decnet.reconciler.core;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.RecordingListener;
import io.decnet.reconciler.testkit.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReconcilerFaultsTest extends PassFixture {

    private final DeckySpec web = Deckies.decky("web-01").services("ssh", "http").build();

    @Test
    void anUnreadableStateFileChangesNothingAndSaysWhy() {
        state.unreadable("deckies[3] (name \"decky-04\"): \"services\" must be a non-empty list of strings");
        store.put(Rows.row("web-01").state(DeckyState.FAILED).build());

        ReconcileReport report = pass();

        assertThat(report).hasNoChanges().hasNoFailure();
        assertThat(report.skips()).containsExactly(Skip.pass(SkipReason.STATE_UNREADABLE,
                "deckies[3] (name \"decky-04\"): \"services\" must be a non-empty list of strings"));
        assertThat(report.stateFile().usable()).isFalse();
        // The table is read before the file (DECNET's deployer writes them in the other order); nothing is written.
        assertThat(store).hasApplyCount(0).hasReadCount(1).hasRow(HOST, "web-01").withState(DeckyState.FAILED);
        assertThat(docker.observeCount()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aStateSourceThatThrowsCountsAsUnreadable() {
        store.put(Rows.row("web-01").build());

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(
                () -> { throw new IllegalStateException("bug in a state source"); }, store, docker, HOST);

        assertThat(report).hasNoChanges().hasNoFailure().hasSkip(SkipReason.STATE_UNREADABLE);
        assertThat(report.skips().get(0).detail()).contains("bug in a state source");
        assertThat(store).hasApplyCount(0).hasRowNames(HOST, "web-01");
    }

    @Test
    void withDockerUnreachableNoStateChangesButInsertsDeletesAndConfigUpdatesStillHappen() {
        DeckySpec resized = Deckies.decky("grow-01").services("ssh", "ftp").build();
        state.fleet(web, resized);
        store.put(Rows.rowFor(Deckies.decky("grow-01").build()).state(DeckyState.FAILED).build(),
                Rows.row("gone-01").build());
        docker.unreachable("connection refused");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(1, 1, 0).hasConfigUpdated(1).hasNoFailure();
        assertThat(report.skips()).containsExactly(Skip.pass(SkipReason.RUNTIME_UNREACHABLE,
                "Docker unreachable (connection refused): no state changed"));
        assertThat(report.runtime().usable()).isFalse();
        assertThat(store).hasRow(HOST, "grow-01").withState(DeckyState.FAILED).withServices("ssh", "ftp");
    }

    @Test
    void withDockerUnreachableARowWhoseContainersAreGoneKeepsItsState() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).build());
        docker.unreachable("socket missing");

        ReconcileReport report = pass();

        assertThat(report).hasNoChanges();
        assertThat(store).hasApplyCount(0).hasRow(HOST, "web-01").withState(DeckyState.RUNNING);
    }

    @Test
    void aRuntimeInspectorThatThrowsCountsAsUnreachable() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).build());

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(state, store,
                () -> { throw new IllegalStateException("bug in an inspector"); }, HOST);

        assertThat(report).hasNoChanges().hasNoFailure().hasSkip(SkipReason.RUNTIME_UNREACHABLE);
        assertThat(report.runtime().summary()).contains("bug in an inspector");
    }

    @Test
    void aRaceLostBetweenReadAndWriteIsAConflictAndTheRacingWritersRowSurvives() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).build(), Rows.row("gone-01").build());
        docker.stopped("web-01", "ssh", "http");
        FleetRow teardown = Rows.rowFor(web).state(DeckyState.TEARING_DOWN).updatedAt(NOW.minusSeconds(1)).build();
        store.beforeNextApply(() -> store.put(teardown));

        ReconcileReport report = pass();

        assertThat(report).hasConflicts(1).hasCounts(0, 1, 0).hasNoFailure()
                .hasChange("web-01", ChangeKind.STATE_UPDATE, ChangeStatus.CONFLICT);
        assertThat(store.row(HOST, "web-01")).contains(teardown);
        assertThat(events.events()).containsExactly(FleetEvent.deleted(HOST, "gone-01", DeckyState.RUNNING));
    }

    @Test
    void anInsertThatRacesADeployIsAConflictAndTheDeployersRowSurvives() {
        state.fleet(web);
        docker.running("web-01", "ssh", "http");
        FleetRow deployed = Rows.rowFor(web).state(DeckyState.PENDING).updatedAt(NOW).build();
        store.beforeNextApply(() -> store.put(deployed));

        ReconcileReport report = pass();

        assertThat(report).hasConflicts(1).hasCounts(0, 0, 0);
        assertThat(store.row(HOST, "web-01")).contains(deployed);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotBreakThePassNorStopLaterEvents() {
        RecordingListener failing = RecordingListener.failing();
        state.fleet(web);
        store.put(Rows.row("gone-01").build(), Rows.row("gone-02").build());
        docker.running("web-01", "ssh", "http");
        Reconciler reconciler = Reconciler.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).listener(failing)
                .build();

        ReconcileReport report = reconciler.reconcileOnce(state, store, docker, HOST);

        assertThat(report).hasCounts(1, 2, 0).hasNoFailure().hasNoSkips();
        assertThat(report.changes()).allSatisfy(c -> assertThat(c.status()).isEqualTo(ChangeStatus.APPLIED));
        assertThat(failing.events()).hasSize(3);
        assertThat(store).hasRowNames(HOST, "web-01");
    }

    @Test
    void aStoreThatFailsToWriteIsReportedAndNothingIsWrittenOrAnnounced() {
        state.fleet(web);
        store.put(Rows.row("gone-01").build());
        store.failNextApply(new FleetStoreException("database is locked"));

        ReconcileReport report = pass();

        assertThat(report).hasFailure(Failure.Kind.STORE).hasSkip(SkipReason.STORE_FAILED).hasCounts(0, 0, 0);
        assertThat(report.failure().message()).contains("database is locked");
        assertThat(report.changes()).hasSize(2)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(ChangeStatus.FAILED));
        assertThat(store).hasRowNames(HOST, "gone-01");
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aStoreThatFailsToReadIsReportedAndNothingIsPlanned() {
        state.fleet(web);
        store.failNextRead(new FleetStoreException("connection refused"));

        ReconcileReport report = pass();

        assertThat(report).hasFailure(Failure.Kind.STORE).hasNoChanges().hasSkip(SkipReason.STORE_FAILED);
        assertThat(report.failure().message()).isEqualTo("could not read the fleet store: connection refused");
        assertThat(store).hasApplyCount(0);
        assertThat(docker.observeCount()).isZero();
    }

    @Test
    void aStoreThatThrowsSomethingElseIsAnInternalFailureNotACrash() {
        state.fleet(web);
        FleetStore buggy = emptyStoreWhoseApply(changes -> {
            throw new IllegalStateException("bug in a store");
        });

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(state, buggy, docker, HOST);

        assertThat(report).hasFailure(Failure.Kind.INTERNAL);
        assertThat(report.failure().message()).contains("bug in a store");
        assertThat(report.changes()).singleElement().extracting(c -> c.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aStoreThatReturnsTheWrongNumberOfOutcomesIsAnInternalFailure() {
        state.fleet(web);
        FleetStore broken = emptyStoreWhoseApply(changes -> List.of());

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(state, broken, docker, HOST);

        assertThat(report).hasFailure(Failure.Kind.INTERNAL);
        assertThat(report.failure().message()).contains("0 outcomes for 1 changes");
    }

    @Test
    void theMassDeleteGuardHoldsBackEveryDeleteButNotTheOtherChanges() {
        state.fleet(web);
        store.put(Rows.row("a").build(), Rows.row("b").build(), Rows.row("c").build());
        docker.running("web-01", "ssh", "http");

        ReconcileReport report = pass(ReconcilePolicy.builder().maxDeletesPerPass(2).build());

        assertThat(report).hasCounts(1, 0, 0).hasSkip("a", SkipReason.MASS_DELETE_GUARD)
                .hasSkip("b", SkipReason.MASS_DELETE_GUARD).hasSkip("c", SkipReason.MASS_DELETE_GUARD);
        assertThat(report.skips().get(0).detail())
                .isEqualTo("delete held back: the pass would delete 3 rows, the policy allows at most 2 per pass");
        assertThat(store).hasRowNames(HOST, "a", "b", "c", "web-01");
    }

    @Test
    void theGuardAllowsDeletesUpToItsLimit() {
        store.put(Rows.row("a").build(), Rows.row("b").build());

        assertThat(pass(ReconcilePolicy.builder().maxDeletesPerPass(2).build())).hasCounts(0, 2, 0);
    }

    @Test
    void refusingToDeleteAllRowsKeepsTheFleetWhenTheFileIsGone() {
        state.absent();
        store.put(Rows.row("a").build(), Rows.row("b").build());

        ReconcileReport guarded = pass(ReconcilePolicy.builder().refuseDeletingAllRows(true).build());

        assertThat(guarded).hasNoChanges().hasSkip("a", SkipReason.MASS_DELETE_GUARD);
        assertThat(store).hasRowNames(HOST, "a", "b");

        state.fleet(Deckies.decky("a").build());
        docker.running("a", "ssh");
        assertThat(pass(ReconcilePolicy.builder().refuseDeletingAllRows(true).build())).hasCounts(0, 1, 0);
    }

    @Test
    void byDefaultAnAbsentFileEmptiesTheTable() {
        state.absent();
        store.put(Rows.row("a").build(), Rows.row("b").build(), Rows.row("c").build());

        assertThat(pass()).hasCounts(0, 3, 0);
        assertThat(store).hasRowCount(HOST, 0);
    }

    @Test
    void aSlowRuntimeIsTimedInTheReport() {
        state.fleet(web);
        docker.running("web-01", "ssh", "http").slow(Duration.ofMillis(30));

        ReconcileReport report = pass();

        assertThat(report.timings().runtimeObserve()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(report.timings().total()).isGreaterThanOrEqualTo(report.timings().runtimeObserve());
    }

    /** A store with no rows whose {@code apply} does what the test says instead of what the contract says. */
    private static FleetStore emptyStoreWhoseApply(Function<List<RowChange>, List<WriteOutcome>> apply) {
        return new FleetStore() {
            @Override
            public List<FleetRow> read(String hostUuid) {
                return List.of();
            }

            @Override
            public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
                return apply.apply(changes);
            }
        };
    }
}
