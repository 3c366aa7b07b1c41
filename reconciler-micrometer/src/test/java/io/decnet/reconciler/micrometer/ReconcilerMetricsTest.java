package io.decnet.reconciler.micrometer;

import static io.decnet.reconciler.testkit.Deckies.decky;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import io.decnet.reconciler.testkit.Rows;
import io.decnet.reconciler.testkit.time.ManualScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real passes of a real worker over the testkit's in-memory ports, read back from a {@link SimpleMeterRegistry}. */
class ReconcilerMetricsTest {
    private static final String HOST = "local";
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final InMemoryStateSource state = InMemoryStateSource.create();
    private final InMemoryFleetStore store = InMemoryFleetStore.create();
    private final FakeRuntime docker = FakeRuntime.create();
    private final ManualScheduler scheduler = ManualScheduler.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReconcilerMetrics metrics = ReconcilerMetrics.create();
    private ReconcileWorker worker;

    @BeforeEach
    void aWorkerReportingToTheMetrics() {
        metrics.bindTo(registry);
        Reconciler reconciler = Reconciler.builder().clock(scheduler.clock()).build();
        worker = ReconcileWorker.builder()
                .pass(() -> reconciler.reconcileOnce(state, store, docker, HOST))
                .clock(scheduler.clock()).scheduler(scheduler).jitter(0).interval(INTERVAL)
                .passListener(metrics)
                .build();
    }

    @AfterEach
    void stop() {
        worker.close();
    }

    @Test
    void aPassThatInsertsRowsCountsThemByKindTimesThePassAndRecordsItsSuccess() {
        state.fleet(decky("web-01").services("ssh").build(), decky("web-02").services("ssh").build());
        docker.running("web-01", "ssh").running("web-02", "ssh");

        firstPass();

        assertThat(counter("fleet.reconciler.changes", "kind", "insert")).isEqualTo(2);
        assertThat(counter("fleet.reconciler.changes", "kind", "delete")).isZero();
        assertThat(counter("fleet.reconciler.passes", "outcome", "succeeded")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.passes", "outcome", "failed")).isZero();
        Timer duration = registry.get("fleet.reconciler.pass.duration").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.last.success.timestamp"))
                .isEqualTo(scheduler.clock().instant().toEpochMilli() / 1000.0);
        assertThat(gauge("fleet.reconciler.consecutive.failures")).isZero();
        assertThat(gauge("fleet.reconciler.docker.usable")).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.state.file.usable")).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.writer.lease.held")).isEqualTo(1);
    }

    @Test
    void stateAndConfigurationUpdatesAreCountedApartAndDeletesToo() {
        state.fleet(decky("web-01").services("ssh").build(), decky("web-02").services("ssh").build());
        docker.running("web-01", "ssh").running("web-02", "ssh");
        firstPass();

        state.fleet(decky("web-01").services("ssh", "http").build());
        docker.running("web-01", "ssh", "http").stopped("web-02", "ssh");
        scheduler.advance(INTERVAL);

        assertThat(counter("fleet.reconciler.changes", "kind", "config_update")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.changes", "kind", "delete")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.passes", "outcome", "succeeded")).isEqualTo(2);
        assertThat(registry.get("fleet.reconciler.pass.duration").timer().count()).isEqualTo(2);
    }

    @Test
    void anUnreachableDockerIsCountedAsASkipAndShownAsUnusable() {
        state.fleet(decky("web-01").build());
        docker.unreachable("connection refused");

        firstPass();

        assertThat(counter("fleet.reconciler.skips", "reason", "runtime_unreachable")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.skips", "reason", "state_unreadable")).isZero();
        assertThat(gauge("fleet.reconciler.docker.usable")).isZero();
        assertThat(gauge("fleet.reconciler.state.file.usable")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.passes", "outcome", "succeeded")).isEqualTo(1);
    }

    @Test
    void aFailedPassCountsAsFailedAndKeepsTheTimeOfTheLastSuccess() {
        firstPass();
        double lastSuccess = gauge("fleet.reconciler.last.success.timestamp");

        store.failNextRead(new FleetStoreException("database is locked"));
        scheduler.advance(INTERVAL);

        assertThat(counter("fleet.reconciler.passes", "outcome", "failed")).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.consecutive.failures")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.skips", "reason", "store_failed")).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.last.success.timestamp")).isEqualTo(lastSuccess);
    }

    @Test
    void aWriteThatLostARaceIsCountedAsAConflict() {
        state.fleet(decky("web-01").build());
        docker.running("web-01", "ssh");
        store.beforeNextApply(() -> store.put(Rows.row("web-01").host(HOST).build())); // the deployer was faster

        firstPass();

        assertThat(counter("fleet.reconciler.conflicts")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.changes", "kind", "insert")).isZero();
    }

    @Test
    void aPassThatStoodByForAnotherWriterShowsTheLeaseNotHeld() {
        metrics.record(report(List.of(Skip.pass(SkipReason.WRITER_LEASE_BUSY, "held by host-b"))),
                Duration.ofMillis(3));

        assertThat(gauge("fleet.reconciler.writer.lease.held")).isZero();
        assertThat(counter("fleet.reconciler.skips", "reason", "writer_lease_busy")).isEqualTo(1);
        assertThat(gauge("fleet.reconciler.docker.usable")).as("not read").isNaN();
    }

    @Test
    void beforeAnyPassTheGaugesSayNothingIsKnownAndTheCountersAreZero() {
        assertThat(gauge("fleet.reconciler.last.success.timestamp")).isNaN();
        assertThat(gauge("fleet.reconciler.docker.usable")).isNaN();
        assertThat(gauge("fleet.reconciler.writer.lease.held")).isNaN();
        assertThat(counter("fleet.reconciler.changes", "kind", "insert")).isZero();
        assertThat(registry.find("fleet.reconciler.skips").functionCounters()).hasSize(SkipReason.values().length);
    }

    @Test
    void buildInfoCarriesTheVersionOfThisBuild() {
        assertThat(ReconcilerMetrics.version()).isNotBlank().isNotEqualTo("unknown").doesNotContain("${");
        assertThat(registry.get("fleet.reconciler.build.info").tag("version", ReconcilerMetrics.version()).gauge()
                .value()).isEqualTo(1);
    }

    @Test
    void countersBoundLaterOrToASecondRegistryShowEverythingSoFar() {
        state.fleet(decky("web-01").build());
        docker.running("web-01", "ssh");
        firstPass();

        MeterRegistry later = new SimpleMeterRegistry();
        metrics.bindTo(later);

        assertThat(later.get("fleet.reconciler.changes").tag("kind", "insert").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void bindingTwiceToOneRegistryStillTimesEachPassOnce() {
        metrics.bindTo(registry);

        metrics.record(report(List.of()), Duration.ofMillis(5));

        assertThat(registry.get("fleet.reconciler.pass.duration").timer().count()).isEqualTo(1);
        assertThat(counter("fleet.reconciler.passes", "outcome", "succeeded")).isEqualTo(1);
    }

    @Test
    void commonTagsAreOnEveryMeter() {
        SimpleMeterRegistry tagged = new SimpleMeterRegistry();
        ReconcilerMetrics.builder().tags(Tags.of("host", "local")).build().bindTo(tagged);

        assertThat(tagged.getMeters()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTag("host")).isEqualTo("local"));
    }

    @Test
    void aDryRunCountsNoChanges() {
        metrics.record(new ReconcileReport(HOST, Instant.EPOCH, true, SourceStatus.notRead(), SourceStatus.notRead(),
                List.of(), List.of(), null, PhaseTimings.NONE), Duration.ofMillis(1));

        assertThat(counter("fleet.reconciler.passes", "outcome", "succeeded")).isEqualTo(1);
        assertThat(counter("fleet.reconciler.changes", "kind", "insert")).isZero();
    }

    private void firstPass() {
        worker.start();
        scheduler.runDue();
    }

    private static ReconcileReport report(List<Skip> skips) {
        return new ReconcileReport(HOST, Instant.EPOCH, false, SourceStatus.notRead(), SourceStatus.notRead(),
                List.of(), skips, null, PhaseTimings.NONE);
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
