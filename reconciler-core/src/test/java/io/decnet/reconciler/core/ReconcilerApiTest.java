package io.decnet.reconciler.core;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.Rows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReconcilerApiTest extends PassFixture {

    private final DeckySpec web = Deckies.decky("web-01").services("ssh").build();

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\t"})
    void aBlankHostIsRejectedBeforeAnythingIsRead(String host) {
        Reconciler reconciler = reconciler(ReconcilePolicy.defaults());

        assertThatThrownBy(() -> reconciler.reconcileOnce(state, store, docker, host))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("hostUuid must be");
        assertThatThrownBy(() -> reconciler.dryRun(state, store, docker, host))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostUuid");
        assertThatThrownBy(() -> reconciler.plan(state, store, docker, host))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostUuid");
        assertThat(state.readCount()).isZero();
        assertThat(store).hasReadCount(0).hasApplyCount(0);
    }

    @Test
    void aDryRunWritesNothingAnnouncesNothingAndCountsWhatItWouldDo() {
        state.fleet(web);
        store.put(Rows.row("gone-01").build());
        docker.running("web-01", "ssh");

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).dryRun(state, store, docker, HOST);

        assertThat(report.dryRun()).isTrue();
        assertThat(report).hasCounts(1, 1, 0).hasChange("web-01", ChangeKind.INSERT, ChangeStatus.PLANNED);
        assertThat(report.hasChanges()).isTrue();
        assertThat(store).hasApplyCount(0).hasRowNames(HOST, "gone-01");
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aPlanHoldsTheConditionalWritesAndTheReportedChanges() {
        state.fleet(web);
        store.put(Rows.row("gone-01").state(DeckyState.FAILED).updatedAt(NOW.minusSeconds(5)).build());
        docker.running("web-01", "ssh");

        Plan plan = reconciler(ReconcilePolicy.defaults()).plan(state, store, docker, HOST);

        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.hostUuid()).isEqualTo(HOST);
        assertThat(plan.findFailure()).isEmpty();
        assertThat(plan.writes()).hasSize(2);
        assertThat(plan.writes().get(0)).isInstanceOfSatisfying(RowChange.Insert.class,
                insert -> assertThat(insert.row()).isEqualTo(Rows.rowFor(web).state(DeckyState.RUNNING)
                        .lastSeen(NOW).updatedAt(NOW).build()));
        assertThat(plan.writes().get(1))
                .isEqualTo(new RowChange.Delete("gone-01", DeckyState.FAILED, NOW.minusSeconds(5)));
        assertThat(plan.reportedChanges()).extracting(c -> c.status()).containsOnly(ChangeStatus.PLANNED);
        assertThat(store).hasApplyCount(0);
    }

    @Test
    void theReportCarriesTheClocksStartTimeSourceStatusesAndTimings() {
        state.fleet(web);
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report.hostUuid()).isEqualTo(HOST);
        assertThat(report.startedAt()).isEqualTo(NOW);
        assertThat(report.dryRun()).isFalse();
        assertThat(report.stateFile().summary()).isEqualTo("present, 1 decky");
        assertThat(report.runtime().summary()).isEqualTo("observed, 1 container");
        assertThat(report.timings().total()).isGreaterThan(Duration.ZERO);
        assertThat(report.timings().apply()).isGreaterThan(Duration.ZERO);
    }

    @Test
    void theBuilderRejectsMissingPartsNamingThem() {
        assertThatThrownBy(() -> Reconciler.builder().clock(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clock must be a java.time.Clock (default Clock.systemUTC()), was null");
        assertThatThrownBy(() -> Reconciler.builder().policy(null).build())
                .hasMessageStartingWith("policy must be");
        assertThatThrownBy(() -> Reconciler.builder().listener(null).build())
                .hasMessageStartingWith("listener must be");
    }

    @Test
    void createUsesTheDefaultPolicy() {
        assertThat(Reconciler.create().policy()).isEqualTo(ReconcilePolicy.defaults());
    }

    @Test
    void passesRacingOnOneStoreFromManyThreadsInsertEachRowOnceAndAnnounceItOnce() throws Exception {
        List<DeckySpec> fleet = IntStream.range(0, 20).mapToObj(i -> Deckies.decky("d" + i).build()).toList();
        state.fleet(fleet);
        fleet.forEach(d -> docker.running(d.name(), "ssh"));
        Reconciler reconciler = reconciler(ReconcilePolicy.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ReconcileReport>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(threads.submit(() -> {
                    start.await();
                    return reconciler.reconcileOnce(state, store, docker, HOST);
                }));
            }
            start.countDown();
            int inserted = 0;
            for (Future<ReconcileReport> pass : passes) {
                ReconcileReport report = pass.get(30, TimeUnit.SECONDS);
                assertThat(report).hasNoFailure();
                inserted += report.inserted();
            }

            assertThat(inserted).isEqualTo(20);
            assertThat(store).hasRowCount(HOST, 20);
            assertThat(events.events()).hasSize(20).extracting(FleetEvent::name).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }
}
