package io.decnet.reconciler.core;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.FleetEventListener;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one host's rows of DECNET's {@code fleet_deckies} table onto the state file and Docker.
 *
 * <p>A pass reads the three snapshots (this host's rows, then the state file, then Docker's containers), plans the
 * difference
 * with a pure function of them (see {@link #plan}), sends the plan's conditional writes to the store in one
 * call, then tells the {@link FleetEventListener} about each committed insert, delete and state change. It never
 * throws for I/O trouble: an unreadable state file, an unreachable Docker or a failing store is reported in the
 * {@link ReconcileReport}. Only a misuse (a blank host id, a {@code null} port) throws.
 *
 * <p><b>Read order.</b> DECNET's deployer writes the state file first and the table second. A pass therefore reads
 * the table <em>before</em> the state file: whatever row it sees was written after the file version that goes with
 * it, so the file it reads next is at least as new, and a deploy or teardown that lands between the two reads
 * shows up as a newer file against an older row. The writes planned from that (an insert of a decky whose row
 * the deployer has just inserted, a delete of a row the teardown has just deleted) are conditional and come back
 * as conflicts; nothing is undone. Reading the file first would allow the opposite (an old file against a new
 * row), which deletes a fresh deploy or resurrects a torn-down decky. See docs/rules.md.
 *
 * <pre>{@code
 * Reconciler reconciler = Reconciler.builder()
 *         .clock(Clock.systemUTC())
 *         .policy(ReconcilePolicy.builder().transitionalGrace(Duration.ofMinutes(5)).build())
 *         .listener(event -> bus.publish(event.topic(), event))
 *         .build();
 * ReconcileReport report = reconciler.reconcileOnce(
 *         StateFileSource.of(Path.of("/var/lib/decnet/decnet-state.json")), store, docker, "local");
 * log.info(report.countsLine());   // reconcile: inserted=1 deleted=0 state_updated=2
 * }</pre>
 *
 * <p>Thread-safe: immutable; passes may run at once (for different hosts, or the same one, whose conditional
 * writes then make the slower pass count conflicts). The listener is called by one pass at a time.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final TimeSource time;
    private final ReconcilePolicy policy;
    private final EventPublisher publisher;

    private Reconciler(Builder builder) {
        this.time = builder.time != null ? builder.time : TimeSource.of(builder.clock);
        this.policy = builder.policy;
        this.publisher = new EventPublisher(builder.listener);
    }

    /** A reconciler with the system UTC clock, {@link ReconcilePolicy#defaults()} and no listener. */
    public static Reconciler create() {
        return builder().build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy this reconciler applies. */
    public ReconcilePolicy policy() {
        return policy;
    }

    /**
     * Runs one pass for {@code hostUuid}: reads, plans, applies, reports.
     *
     * @param stateSource the desired fleet ({@code decnet-state.json}); read after the store, and if it is
     *     unreadable nothing is written
     * @param store the {@code fleet_deckies} table; read first and once, written at most once
     * @param runtime what Docker runs; observed once
     * @param hostUuid the host whose rows this pass owns (DECNET's own host is {@code "local"})
     * @return what was written, skipped and why; {@link ReconcileReport#failed()} when the store failed (then
     *     nothing was written)
     * @throws IllegalArgumentException when {@code hostUuid} is null or blank
     * @throws NullPointerException when a port is null
     */
    public ReconcileReport reconcileOnce(StateSource stateSource, FleetStore store, RuntimeInspector runtime,
            String hostUuid) {
        return run(stateSource, store, runtime, hostUuid, false);
    }

    /**
     * Plans one pass and reports it without writing anything: every change is
     * {@link io.decnet.reconciler.api.ChangeStatus#PLANNED} and the counters count planned changes. No event is
     * sent.
     *
     * @throws IllegalArgumentException when {@code hostUuid} is null or blank
     * @throws NullPointerException when a port is null
     */
    public ReconcileReport dryRun(StateSource stateSource, FleetStore store, RuntimeInspector runtime,
            String hostUuid) {
        return run(stateSource, store, runtime, hostUuid, true);
    }

    /**
     * Reads the three snapshots and returns what a pass would write, writing nothing.
     *
     * @throws IllegalArgumentException when {@code hostUuid} is null or blank
     * @throws NullPointerException when a port is null
     */
    public Plan plan(StateSource stateSource, FleetStore store, RuntimeInspector runtime, String hostUuid) {
        String host = checkArguments(stateSource, store, runtime, hostUuid);
        return read(stateSource, store, runtime, host, time.instant()).plan();
    }

    private ReconcileReport run(StateSource stateSource, FleetStore store, RuntimeInspector runtime,
            String hostUuid, boolean dryRun) {
        String host = checkArguments(stateSource, store, runtime, hostUuid);
        Instant startedAt = time.instant();
        Planned planned = read(stateSource, store, runtime, host, startedAt);
        Plan plan = planned.plan();
        if (dryRun || plan.failure() != null) {
            return new ReconcileReport(host, startedAt, dryRun, plan.stateFile(), plan.runtime(),
                    plan.reportedChanges(), plan.skips(), plan.failure(), planned.timings(Duration.ZERO),
                    plan.oddRows());
        }
        if (planned.fleet() instanceof DesiredFleet.Absent && plan.changes().stream()
                .anyMatch(c -> c.write() instanceof RowChange.Delete) && !stillAbsent(stateSource)) {
            // The file came back between the read and now (an editor's save, a redeploy): its absence was not a
            // teardown. Nothing is written; the next pass reads the file as it is.
            Skip skip = Skip.pass(SkipReason.STATE_CHANGED, "the state file was absent when read but is there "
                    + "again: nothing written, the next pass reconciles with it");
            return new ReconcileReport(host, startedAt, false, plan.stateFile(), plan.runtime(), List.of(),
                    List.of(skip), null, planned.timings(Duration.ZERO), plan.oddRows());
        }
        long applyStart = time.monotonicNanos();
        Applier.Applied applied = Applier.apply(store, host, plan);
        Duration applyTime = since(applyStart);
        publisher.publish(host, applied.changes());
        List<Skip> skips = new ArrayList<>(plan.skips());
        skips.addAll(applied.skips());
        return new ReconcileReport(host, startedAt, false, plan.stateFile(), plan.runtime(), applied.changes(),
                skips, applied.failure(), planned.timings(applyTime), plan.oddRows());
    }

    private static boolean stillAbsent(StateSource stateSource) {
        try {
            return stateSource.isStillAbsent();
        } catch (RuntimeException e) {
            LOG.warn("the state source threw instead of answering whether the file is still absent", e);
            return false;
        }
    }

    /**
     * Reads the store, then the state file, then Docker (see the class comment for why in this order), and plans;
     * never throws.
     */
    private Planned read(StateSource stateSource, FleetStore store, RuntimeInspector runtime, String host,
            Instant now) {
        long start = time.monotonicNanos();
        List<FleetRow> rows;
        try {
            rows = Objects.requireNonNull(store.read(host), "FleetStore.read returned null");
        } catch (RuntimeException e) {
            Failure failure = StoreFailure.of(e, "read", store, host);
            Plan failed = new Plan(host, SourceStatus.notRead(), SourceStatus.notRead(), List.of(),
                    StoreFailure.skips(failure), failure);
            return new Planned(failed, null, Duration.ZERO, since(start), Duration.ZERO, Duration.ZERO);
        }
        Duration storeRead = since(start);
        start = time.monotonicNanos();
        DesiredFleet fleet = ask("state source", stateSource::read, DesiredFleet::unreadable);
        Duration stateRead = since(start);
        if (fleet instanceof DesiredFleet.Unreadable unreadable) {
            return new Planned(Planner.unreadable(host, unreadable), fleet, stateRead, storeRead, Duration.ZERO,
                    Duration.ZERO);
        }
        start = time.monotonicNanos();
        RuntimeObservation observation = ask("runtime inspector", runtime::observe, RuntimeObservation::unreachable);
        Duration observe = since(start);
        start = time.monotonicNanos();
        Plan plan;
        try {
            plan = Planner.plan(fleet, rows, observation, host, policy, now);
        } catch (RuntimeException e) {
            LOG.error("planning the pass for host {} failed", host, e);
            plan = failedPlan(host, fleet, SourceStatus.of(observation),
                    new Failure(Failure.Kind.INTERNAL, "planning failed: " + e));
        }
        return new Planned(plan, fleet, stateRead, storeRead, observe, since(start));
    }

    /**
     * Asks a port that must not throw; a port that throws anyway (a bug) or answers nothing is logged and its
     * answer replaced by {@code broken}: unreadable for a state source, unreachable for a runtime inspector.
     */
    private static <T> T ask(String port, Supplier<T> call, Function<String, T> broken) {
        try {
            T answer = call.get();
            return answer != null ? answer : broken.apply("the " + port + " answered nothing");
        } catch (RuntimeException e) {
            LOG.warn("the {} threw instead of reporting a problem as a value", port, e);
            return broken.apply("the " + port + " failed: " + e);
        }
    }

    /** The plan of a pass that could not read the store or could not plan: nothing, and why. */
    private static Plan failedPlan(String host, DesiredFleet fleet, SourceStatus runtime, Failure failure) {
        return new Plan(host, SourceStatus.of(fleet), runtime, List.of(), StoreFailure.skips(failure), failure);
    }

    private static String checkArguments(StateSource stateSource, FleetStore store, RuntimeInspector runtime,
            String hostUuid) {
        Objects.requireNonNull(stateSource, "stateSource");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(runtime, "runtime");
        return HostUuids.require(hostUuid, h -> "hostUuid must be a non-blank host id (DECNET's own host is "
                + "\"local\"), was " + (h == null ? "null" : "\"" + h + "\""));
    }

    private Duration since(long startNanos) {
        return time.since(startNanos);
    }

    /** A plan, the fleet it was made from ({@code null} when the state file was not read), and the phases' times. */
    private record Planned(Plan plan, DesiredFleet fleet, Duration stateRead, Duration storeRead, Duration observe,
            Duration planning) {
        PhaseTimings timings(Duration apply) {
            return new PhaseTimings(stateRead, storeRead, observe, planning, apply);
        }
    }

    /**
     * Builds a {@link Reconciler}; setters record, {@link #build()} validates.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private TimeSource time;
        private ReconcilePolicy policy = ReconcilePolicy.defaults();
        private FleetEventListener listener = FleetEventListener.NONE;

        private Builder() {
        }

        /**
         * Where {@code updated_at}, {@code last_seen} and the grace period's "now" come from. Default: system UTC.
         * Phases are timed with {@link System#nanoTime()}, unless the clock is a {@link TimeSource} (the testkit's
         * {@code ManualClock}), whose monotonic reading is used. Replaces a {@link #timeSource} set before.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            this.time = null;
            return this;
        }

        /** Wall time for timestamps and monotonic time for phase timings, from one source. Replaces a clock. */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** The rules' choices. Default {@link ReconcilePolicy#defaults()}. */
        public Builder policy(ReconcilePolicy policy) {
            this.policy = policy;
            return this;
        }

        /** Told about each committed insert, delete and state change. Default {@link FleetEventListener#NONE}. */
        public Builder listener(FleetEventListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * The reconciler.
         *
         * @throws IllegalArgumentException naming the field that is missing
         */
        public Reconciler build() {
            if (time == null) {
                require(clock, "clock", "a java.time.Clock (default Clock.systemUTC())");
            }
            require(policy, "policy", "a ReconcilePolicy (default ReconcilePolicy.defaults())");
            require(listener, "listener", "a FleetEventListener (default FleetEventListener.NONE)");
            return new Reconciler(this);
        }

        private static void require(Object value, String field, String allowed) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must be " + allowed + ", was null");
            }
        }
    }
}
