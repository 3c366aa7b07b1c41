package io.decnet.reconciler.core;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.Transition;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.Rows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest extends PassFixture {

    private final DeckySpec web = Deckies.decky("web-01").ip("10.0.0.11").services("ssh", "smtp_relay")
            .decnetDefaults().build();

    @Test
    void aDeckyTheTableLacksIsInsertedWithDockersStateAndTheFilesColumns() {
        state.fleet(web);
        docker.running("web-01", "ssh", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(1, 0, 0).hasNoFailure().hasNoSkips();
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING)
                .withServices("ssh", "smtp_relay").withIp("10.0.0.11").withConfig(web.configJson())
                .withLastSeen(NOW).withUpdatedAt(NOW).withLastError(null).withComposeHash(null);
        assertThat(report.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.INSERT);
            assertThat(c.status()).isEqualTo(ChangeStatus.APPLIED);
            assertThat(c.reason()).contains("2 of 2 containers running");
        });
        assertThat(events.events()).containsExactly(FleetEvent.inserted(HOST, "web-01", DeckyState.RUNNING));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all running                 | running | running | running
            one exited                  | running | exited  | degraded
            one missing                 | running | -       | degraded
            all dead                    | exited  | dead    | failed
            only paused and restarting  | paused  | restarting | failed
            none                        | -       | -       | torn_down
            """)
    void anInsertedRowTakesTheAggregateOfItsContainers(String label, String ssh, String smtpRelay, String expected) {
        state.fleet(web);
        if (!"-".equals(ssh)) {
            docker.container("web-01-ssh", ContainerStatus.of(ssh));
        }
        if (!"-".equals(smtpRelay)) {
            docker.container("web-01-smtp-relay", ContainerStatus.of(smtpRelay));
        }

        pass();

        assertThat(store).hasRow(HOST, "web-01").withState(expected);
    }

    @Test
    void aContainerNamedWithTheServicesUnderscoreIsNotTheDeckysContainer() {
        state.fleet(web);
        docker.container("web-01-ssh", ContainerStatus.RUNNING).container("web-01-smtp_relay", ContainerStatus.RUNNING);

        ReconcileReport report = pass();

        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.DEGRADED);
        assertThat(report.changes().get(0).reason()).contains("1 of 2 containers running, 1 missing");
    }

    @Test
    void aRowTheStateFileLacksIsDeletedAndTheEventCarriesItsPreviousState() {
        store.put(Rows.row("old-01").state(DeckyState.DEGRADED).build());

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 0);
        assertThat(store).hasNoRow(HOST, "old-01");
        assertThat(report.changes()).singleElement().satisfies(c -> {
            assertThat(c.previousState()).isEqualTo(DeckyState.DEGRADED);
            assertThat(c.state()).isEqualTo(DeckyState.TORN_DOWN);
            assertThat(c.reason()).isEqualTo("not in the state file");
        });
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(Transition.DELETED);
            assertThat(e.state()).isEqualTo(DeckyState.TORN_DOWN);
            assertThat(e.previousState()).isEqualTo(DeckyState.DEGRADED);
            assertThat(e.source()).isEqualTo("fleet");
            assertThat(e.topic()).isEqualTo("decky.local:old-01.state");
        });
    }

    @Test
    void aRowWhoseContainersDisagreeFlipsStateKeepingTheColumnsItDoesNotManage() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).lastError("boom").composeHash("abc").build());
        docker.running("web-01", "ssh").stopped("web-01", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 1).hasConfigUpdated(0);
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.DEGRADED).withLastSeen(NOW)
                .withUpdatedAt(NOW).withLastError("boom").withComposeHash("abc");
        assertThat(report.changes().get(0).reason()).isEqualTo("1 of 2 containers running");
        assertThat(events.events()).containsExactly(
                FleetEvent.stateChanged(HOST, "web-01", DeckyState.RUNNING, DeckyState.DEGRADED));
    }

    @Test
    void aConvergedPassWritesNothingAndEmitsNothing() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).build());
        docker.running("web-01", "ssh", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).isConverged().hasNoSkips();
        assertThat(report.hasChanges()).isFalse();
        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        assertThat(store).hasApplyCount(0).hasReadCount(1);
        assertThat(docker.observeCount()).isEqualTo(1);
        assertThat(state.readCount()).isEqualTo(1);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aRowHoldingAStateDecnetDoesNotKnowIsComparedLikeAnyOther() {
        state.fleet(web);
        store.put(Rows.rowFor(web).state("quarantined").build());
        docker.running("web-01", "ssh", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 1);
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING);
        assertThat(events.events()).containsExactly(
                FleetEvent.stateChanged(HOST, "web-01", DeckyState.of("quarantined"), DeckyState.RUNNING));
    }

    @Test
    void aRowHoldingAnUnknownStateThatIsNotInTheFileIsDeleted() {
        store.put(Rows.row("odd-01").state("quarantined").build());

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 0);
        assertThat(events.events()).containsExactly(
                FleetEvent.deleted(HOST, "odd-01", DeckyState.of("quarantined")));
    }

    @Test
    void changedServicesRewriteTheColumnsAndCountAsAConfigUpdateNotAStateUpdate() {
        DeckySpec grown = Deckies.decky("web-01").ip("10.0.0.12").services("ssh", "smtp_relay", "http")
                .decnetDefaults().build();
        state.fleet(grown);
        store.put(Rows.rowFor(web).state(DeckyState.RUNNING).lastSeen(ago(Duration.ofHours(1))).build());
        docker.unreachable("connection refused");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 0).hasConfigUpdated(1).hasChange("web-01", ChangeKind.CONFIG_UPDATE);
        assertThat(report.changes().get(0).reason()).isEqualTo("services, decky_ip, decky_config differ from the state file");
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING)
                .withServices("ssh", "smtp_relay", "http").withIp("10.0.0.12").withConfig(grown.configJson())
                .withUpdatedAt(NOW).withLastSeen(ago(Duration.ofHours(1)));
        assertThat(events.events()).isEmpty();
    }

    @Test
    void stateAndConfigDriftOfOneRowAreOneWriteCountedAsBoth() {
        DeckySpec moved = Deckies.decky("web-01").ip("10.0.0.99").services("ssh", "smtp_relay").decnetDefaults()
                .build();
        state.fleet(moved);
        store.put(Rows.rowFor(web).state(DeckyState.FAILED).build());
        docker.running("web-01", "ssh", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 1).hasConfigUpdated(1)
                .hasChange("web-01", ChangeKind.STATE_AND_CONFIG_UPDATE, ChangeStatus.APPLIED);
        assertThat(store.appliedChanges()).hasSize(1);
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING).withIp("10.0.0.99");
        assertThat(events.events()).containsExactly(
                FleetEvent.stateChanged(HOST, "web-01", DeckyState.FAILED, DeckyState.RUNNING));
    }

    @Test
    void aDeckyConfigWrittenWithOtherSpacingAndKeyOrderIsNotDrift() {
        DeckySpec decky = Deckies.decky("web-01").ip("10.0.0.11").services("ssh").field("last_mutated", 0.0)
                .field("service_config", java.util.Map.of("ssh", java.util.Map.of("port", 22))).build();
        state.fleet(decky);
        // As DECNET's Python writes it: json.dumps spacing, its own key order.
        String pythonJson = "{\"service_config\": {\"ssh\": {\"port\": 22}}, \"host_uuid\": null, "
                + "\"ip\": \"10.0.0.11\", \"last_mutated\": 0.0, \"name\": \"web-01\", \"services\": [\"ssh\"]}";
        store.put(Rows.rowFor(decky).config(pythonJson).state(DeckyState.RUNNING).build());
        docker.running("web-01", "ssh");

        assertThat(pass()).isConverged();
        assertThat(store).hasApplyCount(0).hasRow(HOST, "web-01").withConfig(pythonJson);
    }

    @ParameterizedTest(name = "row decky_config {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL
            '{"name": "web-01", "ip": '
            '{"name": "web-01", "ip": "10.0.0.11", "services": ["ssh"], "host_uuid": null, "extra": 1}'
            """)
    void aNullUnparsableOrDifferentRowConfigIsRewritten(String rowConfig) {
        DeckySpec decky = Deckies.decky("web-01").ip("10.0.0.11").services("ssh").build();
        state.fleet(decky);
        store.put(Rows.rowFor(decky).config(rowConfig).state(DeckyState.RUNNING).build());
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasConfigUpdated(1).hasCounts(0, 0, 0);
        assertThat(store).hasRow(HOST, "web-01").withConfig(decky.configJson());
    }

    @Test
    void aRowInTransitionWithinTheGracePeriodIsLeftAloneEvenWhenTheFileLacksIt() {
        store.put(Rows.row("deploying").state(DeckyState.PENDING).updatedAt(ago(Duration.ofMinutes(9))).build(),
                Rows.row("tearing").state(DeckyState.TEARING_DOWN).updatedAt(ago(Duration.ofMinutes(1))).build());
        state.fleet(Deckies.decky("deploying").build());
        docker.running("deploying", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasNoChanges().hasSkip("deploying", SkipReason.TRANSITION_IN_FLIGHT)
                .hasSkip("tearing", SkipReason.TRANSITION_IN_FLIGHT);
        assertThat(store).hasApplyCount(0).hasRowNames(HOST, "deploying", "tearing");
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aRowInTransitionBeyondTheGracePeriodIsReconciled() {
        store.put(Rows.row("deploying").state(DeckyState.PENDING).updatedAt(ago(Duration.ofMinutes(11))).build(),
                Rows.row("tearing").state(DeckyState.TEARING_DOWN).updatedAt(ago(Duration.ofMinutes(10))).build());
        state.fleet(Deckies.decky("deploying").build());
        docker.running("deploying", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 1).hasNoSkips();
        assertThat(store).hasRow(HOST, "deploying").withState(DeckyState.RUNNING);
        assertThat(store).hasNoRow(HOST, "tearing");
    }

    @Test
    void aStuckTransitionalRowIsNotRewrittenForConfigWhileDockerIsUnreachableSoItsGracePeriodDoesNotRestart() {
        Instant stuckSince = ago(Duration.ofHours(3));
        store.put(Rows.row("tearing").state(DeckyState.TEARING_DOWN).updatedAt(stuckSince).build());
        state.fleet(Deckies.decky("tearing").ip("10.0.0.99").build());
        docker.unreachable("connection refused");

        ReconcileReport report = pass();

        assertThat(report).hasNoChanges().hasSkip("tearing", SkipReason.RUNTIME_UNREACHABLE);
        assertThat(store).hasRow(HOST, "tearing").withState(DeckyState.TEARING_DOWN).withUpdatedAt(stuckSince);

        docker.reachable().running("tearing", "ssh");
        assertThat(pass()).hasChange("tearing", ChangeKind.STATE_AND_CONFIG_UPDATE);
        assertThat(store).hasRow(HOST, "tearing").withState(DeckyState.RUNNING).withIp("10.0.0.99");
    }

    @Test
    void theGracePeriodIsAPolicy() {
        store.put(Rows.row("deploying").state(DeckyState.PENDING).updatedAt(ago(Duration.ofMinutes(3))).build());
        state.fleet(Deckies.decky("deploying").build());
        docker.running("deploying", "ssh");

        pass(ReconcilePolicy.builder().transitionalGrace(Duration.ofMinutes(2)).build());

        assertThat(store).hasRow(HOST, "deploying").withState(DeckyState.RUNNING);
    }

    @Test
    void aPeerHostsRowsAreNeitherReadNorTouched() {
        state.fleet(web);
        FleetRow peerSameName = Rows.rowFor(web).host(PEER).state(DeckyState.FAILED).build();
        FleetRow peerOther = Rows.row("peer-only").host(PEER).state(DeckyState.RUNNING).build();
        store.put(peerSameName, peerOther, Rows.row("stale").build());
        docker.running("web-01", "ssh", "smtp_relay");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(1, 1, 0);
        assertThat(store.rows(PEER)).containsExactlyInAnyOrder(peerSameName, peerOther);
        assertThat(store).hasRowNames(HOST, "web-01");
        assertThat(events.events()).allSatisfy(e -> assertThat(e.hostUuid()).isEqualTo(HOST));
    }

    @Test
    void aDeckyTheFileAssignsToAnotherHostIsSkippedNotInserted() {
        DeckySpec far = Deckies.decky("far-01").host(PEER).build();
        state.fleet(far, Deckies.decky("mine-01").host(HOST).build());
        docker.running("far-01", "ssh").running("mine-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(1, 0, 0).hasSkip("far-01", SkipReason.OTHER_HOST);
        assertThat(store).hasRowNames(HOST, "mine-01").hasRowCount(PEER, 0);
        assertThat(pass()).isConverged();
    }

    @Test
    void aRowOfThisHostForADeckyTheFileAssignsToAnotherHostIsDeleted() {
        // The original reconciler inserted such rows every tick; a correct one cleans them up.
        state.fleet(Deckies.decky("far-01").host(PEER).build());
        store.put(Rows.row("far-01").build());

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 0).hasSkip("far-01", SkipReason.OTHER_HOST);
        assertThat(report.changes().get(0).reason()).isEqualTo("the state file assigns it to host host-b");
    }

    @Test
    void everyKindOfDriftConvergesInOnePass() {
        DeckySpec fresh = Deckies.decky("new-01").services("http").build();
        DeckySpec flipped = Deckies.decky("flip-01").build();
        DeckySpec resized = Deckies.decky("grow-01").services("ssh", "ftp").build();
        DeckySpec steady = Deckies.decky("same-01").build();
        state.fleet(fresh, flipped, resized, steady);
        store.put(Rows.rowFor(flipped).state(DeckyState.RUNNING).build(),
                Rows.rowFor(Deckies.decky("grow-01").build()).state(DeckyState.RUNNING).build(),
                Rows.rowFor(steady).state(DeckyState.RUNNING).build(),
                Rows.row("gone-01").state(DeckyState.RUNNING).build());
        docker.running("new-01", "http").stopped("flip-01", "ssh").running("grow-01", "ssh", "ftp")
                .running("same-01", "ssh");

        ReconcileReport first = pass();

        assertThat(first).hasCounts(1, 1, 1).hasConfigUpdated(1).hasConflicts(0);
        assertThat(first.changes()).extracting(c -> c.name() + ":" + c.kind()).containsExactly(
                "new-01:INSERT", "flip-01:STATE_UPDATE", "grow-01:CONFIG_UPDATE", "gone-01:DELETE");
        assertThat(store).hasApplyCount(1).hasRowNames(HOST, "flip-01", "grow-01", "new-01", "same-01");
        assertThat(events.events()).extracting(FleetEvent::transition).containsExactly(
                Transition.INSERTED, Transition.STATE_CHANGED, Transition.DELETED);
        events.clear();

        assertThat(pass()).isConverged();
        assertThat(store).hasApplyCount(1);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void anAbsentStateFileDeletesThisHostsRowsOnly() {
        state.absent();
        store.put(Rows.row("a").build(), Rows.row("b").state(DeckyState.FAILED).build(),
                Rows.row("a").host(PEER).build());

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 2, 0).hasNoFailure();
        assertThat(report.stateFile().usable()).isTrue();
        assertThat(report.changes()).allSatisfy(c -> assertThat(c.reason()).startsWith("state file absent"));
        assertThat(store).hasRowCount(HOST, 0).hasRowNames(PEER, "a");
    }

    @Test
    void withDockerUnreachableAnInsertedRowGetsThePolicysState() {
        state.fleet(web);
        docker.unreachable("connection refused");

        pass();
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING).withLastSeen(null);

        store.remove(HOST, "web-01");
        pass(ReconcilePolicy.builder().unobservedInsertState(DeckyState.PENDING).build());
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.PENDING);
    }
}
