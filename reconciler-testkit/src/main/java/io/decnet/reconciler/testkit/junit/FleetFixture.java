package io.decnet.reconciler.testkit.junit;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import io.decnet.reconciler.testkit.RecordingListener;
import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Instant;
import java.util.Objects;

/**
 * One test's fleet: an empty {@link InMemoryStateSource}, an empty {@link InMemoryFleetStore}, a reachable
 * {@link FakeRuntime} with no containers, a {@link ManualClock}, a {@link RecordingListener} and the host they are
 * about. {@link FleetFixtureExtension} hands a fresh one to each test.
 *
 * <pre>{@code
 * @Test
 * void aDeckyInTheFileGetsARow(FleetFixture fleet) {
 *     fleet.state().fleet(Deckies.decky("web-01").build());
 *     fleet.runtime().running("web-01", "ssh");
 *     Reconciler reconciler = Reconciler.builder().clock(fleet.clock()).listener(fleet.events()).build();
 *
 *     ReconcileReport report = fleet.run(reconciler::reconcileOnce);
 *
 *     assertThat(fleet.store()).hasRow(fleet.host(), "web-01").withState(DeckyState.RUNNING);
 * }
 * }</pre>
 *
 * <p>Thread-safe: each part is.
 */
public final class FleetFixture {
    private final String host;
    private final InMemoryStateSource state = InMemoryStateSource.create();
    private final InMemoryFleetStore store = InMemoryFleetStore.create();
    private final FakeRuntime runtime = FakeRuntime.create();
    private final RecordingListener events = RecordingListener.create();
    private final ManualClock clock;

    FleetFixture(String host, Instant start) {
        this.host = Objects.requireNonNull(host, "host");
        this.clock = ManualClock.at(start);
    }

    /** The host this fixture reconciles: {@link FleetFixtureExtension#DEFAULT_HOST} unless the extension says. */
    public String host() {
        return host;
    }

    /** The desired fleet, empty (present, no deckies) until the test says otherwise. */
    public InMemoryStateSource state() {
        return state;
    }

    /** The {@code fleet_deckies} table, with no rows. */
    public InMemoryFleetStore store() {
        return store;
    }

    /** The container runtime: reachable, no containers. */
    public FakeRuntime runtime() {
        return runtime;
    }

    /** The clock, at {@link ManualClock#DEFAULT_START} unless the extension says; it moves only when told. */
    public ManualClock clock() {
        return clock;
    }

    /** A listener that records the events it is given; hand it to the code under test. */
    public RecordingListener events() {
        return events;
    }

    /**
     * Runs {@code pass} over this fixture's state source, store, runtime and host, e.g.
     * {@code fleet.run(reconciler::reconcileOnce)} or {@code fleet.run(reconciler::dryRun)}.
     *
     * @return what the pass returns
     */
    public <R> R run(Pass<R> pass) {
        return Objects.requireNonNull(pass, "pass").run(state, store, runtime, host);
    }

    /**
     * Something that runs over the three ports for one host, the shape of {@code Reconciler.reconcileOnce}.
     *
     * @param <R> what it returns, e.g. a {@code ReconcileReport}
     */
    @FunctionalInterface
    public interface Pass<R> {
        /** Runs over {@code state}, {@code store} and {@code runtime} for {@code hostUuid}. */
        R run(StateSource state, FleetStore store, RuntimeInspector runtime, String hostUuid);
    }

    @Override
    public String toString() {
        return "FleetFixture[host=" + host + ", " + clock + "]";
    }
}
