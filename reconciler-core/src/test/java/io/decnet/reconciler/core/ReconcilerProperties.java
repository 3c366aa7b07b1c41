package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import io.decnet.reconciler.testkit.RecordingListener;
import io.decnet.reconciler.testkit.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Over random fleets, tables and containers: a pass converges, stays on its host and writes its plan. */
class ReconcilerProperties {

    private static final String HOST = "local";
    private static final String PEER = "host-b";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> SERVICES = List.of("ssh", "http", "smtp_relay");
    private static final List<String> NAMES = List.of("d0", "d1", "d2", "d3", "d4");

    @Property(tries = 300)
    void afterOneAppliedPassTheNextPlanIsEmpty(@ForAll("worlds") World world) {
        ReconcileReport first = world.reconciler.reconcileOnce(world.state, world.store, world.docker, HOST);

        Plan again = world.reconciler.plan(world.state, world.store, world.docker, HOST);

        assertThat(first.failed()).as("first pass: %s", first.failure()).isFalse();
        assertThat(again.isEmpty()).as("second plan: %s", again.changes()).isTrue();
        assertThat(again.findFailure()).isEmpty();
    }

    @Property(tries = 300)
    void noRowOfAnotherHostIsEverTouched(@ForAll("worlds") World world) {
        List<FleetRow> peerBefore = world.store.rows(PEER);

        ReconcileReport report = world.reconciler.reconcileOnce(world.state, world.store, world.docker, HOST);

        assertThat(world.store.rows(PEER)).isEqualTo(peerBefore);
        assertThat(world.store.appliedChanges()).allSatisfy(c -> {
            if (c instanceof RowChange.Insert insert) {
                assertThat(insert.row().hostUuid()).isEqualTo(HOST);
            }
        });
        assertThat(world.events.events()).allSatisfy(e -> assertThat(e.hostUuid()).isEqualTo(HOST));
        assertThat(report.failed()).isFalse();
    }

    @Property(tries = 300)
    void aPassWritesExactlyWhatItPlannedAndAnnouncesEachInsertDeleteAndStateChange(
            @ForAll("worlds") World world) {
        Plan plan = world.reconciler.plan(world.state, world.store, world.docker, HOST);

        ReconcileReport report = world.reconciler.reconcileOnce(world.state, world.store, world.docker, HOST);

        assertThat(plan.findFailure()).isEmpty();
        assertThat(report.failed()).isFalse();
        assertThat(world.store.appliedChanges()).isEqualTo(plan.writes());
        assertThat(world.store.applyCount()).isEqualTo(plan.isEmpty() ? 0 : 1);
        assertThat(report.changes()).isEqualTo(plan.reportedChanges().stream()
                .map(c -> c.withStatus(ChangeStatus.APPLIED)).toList());
        assertThat(report.skips()).isEqualTo(plan.skips());
        assertThat(world.events.events()).hasSize(report.inserted() + report.deleted() + report.stateUpdated());
    }

    @Property(tries = 200)
    void aDryRunNeverWrites(@ForAll("worlds") World world) {
        List<FleetRow> before = world.store.allRows();

        world.reconciler.dryRun(world.state, world.store, world.docker, HOST);

        assertThat(world.store.allRows()).isEqualTo(before);
        assertThat(world.store.applyCount()).isZero();
        assertThat(world.events.events()).isEmpty();
    }

    /** The fakes of one generated world, and a reconciler on a fixed clock. */
    record World(InMemoryStateSource state, InMemoryFleetStore store, FakeRuntime docker, RecordingListener events,
            Reconciler reconciler, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** What one decky name is in each source. */
    record Slot(Optional<DeckySpec> decky, Optional<RowSpec> local, Optional<RowSpec> peer,
            Map<String, ContainerStatus> containers) {
    }

    /** A row, relative to the decky of its name. */
    record RowSpec(DeckyState state, boolean mirrorsDecky, List<String> services, String ip, String config,
            long ageMinutes) {
        FleetRow build(String name, String host, Optional<DeckySpec> decky) {
            Rows.Builder row = decky.filter(d -> mirrorsDecky).map(Rows::rowFor)
                    .orElseGet(() -> Rows.row(name).services(services).ip(ip).config(config));
            return row.host(host).state(state).updatedAt(NOW.minus(Duration.ofMinutes(ageMinutes))).build();
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        return Builders.withBuilder(WorldBuilder::new)
                .use(slots()).in(WorldBuilder::slots)
                .use(Arbitraries.of(true, false, false, false, false)).in(WorldBuilder::absent)
                .use(Arbitraries.of(true, true, true, false)).in(WorldBuilder::reachable)
                .build(WorldBuilder::build);
    }

    private static Arbitrary<List<Slot>> slots() {
        List<Arbitrary<Slot>> perName = NAMES.stream().map(ReconcilerProperties::slot).toList();
        return Combinators.combine(perName).as(ArrayList::new);
    }

    private static Arbitrary<Slot> slot(String name) {
        return Combinators.combine(
                        decky(name).optional(0.7), row().optional(0.6), row().optional(0.3), containers(name))
                .as(Slot::new);
    }

    private static Arbitrary<DeckySpec> decky(String name) {
        return Combinators.combine(services(), Arbitraries.of("10.0.0.1", "10.0.0.2"),
                        Arbitraries.of(HOST, PEER, "").injectNull(0.6), Arbitraries.of(0, 1, 2))
                .as((services, ip, host, extra) -> {
                    Deckies.Builder decky = Deckies.decky(name).ip(ip).services(services).host(host);
                    if (extra > 0) {
                        decky.field("last_mutated", extra * 0.5);
                    }
                    return decky.build();
                });
    }

    private static Arbitrary<RowSpec> row() {
        Arbitrary<DeckyState> states = Arbitraries.of("pending", "running", "failed", "degraded", "torn_down",
                "tearing_down", "teardown_failed", "quarantined").map(DeckyState::of);
        return Combinators.combine(states, Arbitraries.of(true, true, false), services(),
                        Arbitraries.of("10.0.0.1", "10.0.0.2").injectNull(0.2),
                        Arbitraries.of("{}", "{\"name\": \"x\"}", "not json").injectNull(0.3),
                        Arbitraries.of(0L, 5L, 10L, 11L, 600L))
                .as(RowSpec::new);
    }

    private static Arbitrary<List<String>> services() {
        return Arbitraries.of(SERVICES).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    }

    private static Arbitrary<Map<String, ContainerStatus>> containers(String name) {
        Arbitrary<ContainerStatus> status = Arbitraries.of(ContainerStatus.RUNNING, ContainerStatus.RUNNING,
                ContainerStatus.EXITED, ContainerStatus.PAUSED).injectNull(0.3);
        return status.list().ofSize(SERVICES.size()).map(statuses -> {
            Map<String, ContainerStatus> containers = new LinkedHashMap<>();
            for (int i = 0; i < SERVICES.size(); i++) {
                if (statuses.get(i) != null) {
                    containers.put(FakeRuntime.containerName(name, SERVICES.get(i)), statuses.get(i));
                }
            }
            return containers;
        });
    }

    /** Collects a world's generated parts. */
    static final class WorldBuilder {
        private List<Slot> slots = List.of();
        private boolean absent;
        private boolean reachable = true;

        WorldBuilder slots(List<Slot> value) {
            slots = value;
            return this;
        }

        WorldBuilder absent(boolean value) {
            absent = value;
            return this;
        }

        WorldBuilder reachable(boolean value) {
            reachable = value;
            return this;
        }

        World build() {
            InMemoryStateSource state = InMemoryStateSource.create();
            InMemoryFleetStore store = InMemoryFleetStore.create();
            FakeRuntime docker = FakeRuntime.create();
            RecordingListener events = RecordingListener.create();
            List<DeckySpec> deckies = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                String name = NAMES.get(i);
                slot.decky().ifPresent(deckies::add);
                slot.local().ifPresent(r -> store.put(r.build(name, HOST, slot.decky())));
                slot.peer().ifPresent(r -> store.put(r.build(name, PEER, slot.decky())));
                slot.containers().forEach(docker::container);
            }
            if (absent) {
                state.absent();
            } else {
                state.fleet(deckies);
            }
            if (!reachable) {
                docker.unreachable("generated outage");
            }
            Reconciler reconciler = Reconciler.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).listener(events)
                    .build();
            String description = (absent ? "absent file" : "fleet " + deckies) + ", rows " + store.allRows()
                    + ", docker " + (reachable ? docker.containers() : "unreachable");
            return new World(state, store, docker, events, reconciler, description);
        }
    }
}
