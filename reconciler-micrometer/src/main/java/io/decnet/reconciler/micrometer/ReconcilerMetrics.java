package io.decnet.reconciler.micrometer;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.core.worker.PassListener;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reconcile passes' metrics for a Micrometer {@link MeterRegistry}: add it to the registry, and give it each
 * pass's outcome, as the worker's {@link PassListener}.
 *
 * <pre>{@code
 * ReconcilerMetrics metrics = ReconcilerMetrics.builder().tags(Tags.of("host", "local")).build();
 * metrics.bindTo(registry);          // with Spring Boot: declare it as a bean, Boot binds it
 * ReconcileWorker worker = ReconcileWorker.builder()
 *         .pass(() -> reconciler.reconcileOnce(state, store, docker, "local"))
 *         .passListener(metrics)
 *         .build();
 * }</pre>
 *
 * A host that runs passes itself calls {@link #record(ReconcileReport, Duration)} after each.
 *
 * <p>Meters (the Prometheus name in brackets):
 * <ul>
 *   <li>{@code fleet.reconciler.passes}, tag {@code outcome} = {@code succeeded}, {@code failed},
 *       {@code timed_out} ({@code fleet_reconciler_passes_total})</li>
 *   <li>{@code fleet.reconciler.pass.duration}: a timer with a percentile histogram, up to the deadline for a pass
 *       that timed out ({@code fleet_reconciler_pass_duration_seconds_bucket}, {@code _count}, {@code _sum},
 *       {@code _max})</li>
 *   <li>{@code fleet.reconciler.changes}, tag {@code kind} = {@code insert}, {@code delete}, {@code state_update},
 *       {@code config_update}: rows written (a write of both state and configuration counts under both kinds;
 *       a dry run writes nothing and counts nothing) ({@code fleet_reconciler_changes_total})</li>
 *   <li>{@code fleet.reconciler.skips}, tag {@code reason} = a {@link SkipReason} in lower case: what passes left
 *       alone, one per skip ({@code fleet_reconciler_skips_total})</li>
 *   <li>{@code fleet.reconciler.conflicts}: writes that lost a race with another writer
 *       ({@code fleet_reconciler_conflicts_total})</li>
 *   <li>{@code fleet.reconciler.last.success.timestamp}: when the last successful pass ended, in seconds since the
 *       epoch, NaN before one did ({@code fleet_reconciler_last_success_timestamp_seconds})</li>
 *   <li>{@code fleet.reconciler.consecutive.failures}: failed passes since the last success</li>
 *   <li>{@code fleet.reconciler.docker.usable}, {@code fleet.reconciler.state.file.usable}: 1 or 0 at the last pass
 *       that read them, NaN before</li>
 *   <li>{@code fleet.reconciler.writer.lease.held}: 1 if the last pass ran as the host's writer, 0 if it stood by
 *       because another reconciler held the writer lease ({@link SkipReason#WRITER_LEASE_BUSY}), NaN before</li>
 *   <li>{@code fleet.reconciler.build.info}, tag {@code version}: always 1</li>
 * </ul>
 * Every meter also carries the {@linkplain Builder#tags(Iterable) common tags}. Counters and gauges read this
 * object's own figures, so they are right in every registry it is bound to, whenever it was bound; the timer
 * records only the passes that end after {@link #bindTo}.
 *
 * <p>Thread-safe: passes may be recorded from any thread while registries read.
 */
public final class ReconcilerMetrics implements MeterBinder, PassListener {
    private static final String PREFIX = "fleet.reconciler.";

    /** The kinds of row change, as the {@code kind} tag names them. */
    private enum Kind { INSERT, DELETE, STATE_UPDATE, CONFIG_UPDATE }

    private final Tags tags;
    private final Map<PassOutcome.Ending, LongAdder> passes = counters(PassOutcome.Ending.class);
    private final Map<Kind, LongAdder> changes = counters(Kind.class);
    private final Map<SkipReason, LongAdder> skips = counters(SkipReason.class);
    private final LongAdder conflicts = new LongAdder();
    private final CopyOnWriteArrayList<Timer> durations = new CopyOnWriteArrayList<>();
    private final AtomicLong passNumber = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile double lastSuccessEpochSeconds = Double.NaN;
    private volatile double dockerUsable = Double.NaN;
    private volatile double stateFileUsable = Double.NaN;
    private volatile double writerLeaseHeld = Double.NaN;

    private ReconcilerMetrics(Tags tags) {
        this.tags = tags;
    }

    /** Metrics without common tags. */
    public static ReconcilerMetrics create() {
        return builder().build();
    }

    /** A builder, for common tags. */
    public static Builder builder() {
        return new Builder();
    }

    /** The version the {@code fleet.reconciler.build.info} gauge reports. */
    public static String version() {
        return BuildVersion.VALUE;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PassOutcome.Ending ending : PassOutcome.Ending.values()) {
            counter(registry, "passes", "Passes run, by how they ended", passes.get(ending),
                    Tag.of("outcome", ending.label()));
        }
        // addIfAbsent: Spring Boot may bind a binder that the application bound itself; a registry hands back the
        // timer it has, which must not record each pass twice.
        durations.addIfAbsent(Timer.builder(PREFIX + "pass.duration")
                .description("How long passes took (up to the deadline for one that timed out)")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry));
        for (Kind kind : Kind.values()) {
            counter(registry, "changes", "Rows written, by kind of change", changes.get(kind),
                    Tag.of("kind", kind.name().toLowerCase(Locale.ROOT)));
        }
        for (SkipReason reason : SkipReason.values()) {
            counter(registry, "skips", "What passes left alone, by reason", skips.get(reason),
                    Tag.of("reason", reason.name().toLowerCase(Locale.ROOT)));
        }
        counter(registry, "conflicts", "Writes that lost a race with another writer (left to the next pass)",
                conflicts);
        gauge(registry, "last.success.timestamp", "When the last successful pass ended (Unix time)", "seconds",
                m -> m.lastSuccessEpochSeconds);
        gauge(registry, "consecutive.failures", "Failed passes since the last success", null,
                m -> m.consecutiveFailures.get());
        gauge(registry, "docker.usable", "1 if the last pass could observe Docker, 0 if not", null,
                m -> m.dockerUsable);
        gauge(registry, "state.file.usable", "1 if the last pass could use the state file, 0 if not", null,
                m -> m.stateFileUsable);
        gauge(registry, "writer.lease.held", "1 if the last pass ran as the host's writer, 0 if it stood by", null,
                m -> m.writerLeaseHeld);
        Gauge.builder(PREFIX + "build.info", () -> 1)
                .description("The fleet-reconciler version").tags(tags).tag("version", version())
                .register(registry);
    }

    /** Records how a pass of the worker ended; never throws. */
    @Override
    public void onPass(PassOutcome outcome) {
        passNumber.updateAndGet(n -> Math.max(n, outcome.number()));
        passes.get(outcome.ending()).increment();
        for (Timer timer : durations) {
            timer.record(outcome.duration());
        }
        if (outcome.succeeded()) {
            consecutiveFailures.set(0);
            lastSuccessEpochSeconds = outcome.startedAt().plus(outcome.duration()).toEpochMilli() / 1000.0;
        } else {
            consecutiveFailures.incrementAndGet();
        }
        outcome.findReport().ifPresent(this::count);
    }

    /**
     * Records a pass that a host ran itself (without {@code ReconcileWorker}): a report with a failure counts as a
     * failed pass.
     *
     * @param report what the pass did
     * @param duration how long it took
     */
    public void record(ReconcileReport report, Duration duration) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(duration, "duration");
        onPass(new PassOutcome(passNumber.incrementAndGet(), report.startedAt(), duration, report,
                report.failure()));
    }

    private void count(ReconcileReport report) {
        if (!report.dryRun()) {
            changes.get(Kind.INSERT).add(report.inserted());
            changes.get(Kind.DELETE).add(report.deleted());
            changes.get(Kind.STATE_UPDATE).add(report.stateUpdated());
            changes.get(Kind.CONFIG_UPDATE).add(report.configUpdated());
            conflicts.add(report.conflicts());
        }
        boolean stoodBy = false;
        for (Skip skip : report.skips()) {
            skips.get(skip.reason()).increment();
            stoodBy |= skip.reason() == SkipReason.WRITER_LEASE_BUSY && skip.name() == null;
        }
        writerLeaseHeld = stoodBy ? 0 : 1;
        if (report.stateFile().wasRead()) {
            stateFileUsable = report.stateFile().usable() ? 1 : 0;
        }
        if (report.runtime().wasRead()) {
            dockerUsable = report.runtime().usable() ? 1 : 0;
        }
    }

    private void counter(MeterRegistry registry, String name, String description, LongAdder value, Tag... extra) {
        FunctionCounter.builder(PREFIX + name, value, LongAdder::doubleValue)
                .description(description).tags(tags).tags(List.of(extra)).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String baseUnit,
            java.util.function.ToDoubleFunction<ReconcilerMetrics> value) {
        Gauge.builder(PREFIX + name, this, value).description(description).baseUnit(baseUnit).tags(tags)
                .strongReference(true).register(registry);
    }

    private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return map;
    }

    /**
     * Builds {@link ReconcilerMetrics}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private Tags tags = Tags.empty();

        private Builder() {
        }

        /** Tags every meter carries, e.g. {@code Tags.of("host", "local")} (default: none); added to earlier ones. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /** The metrics, bound to no registry yet. */
        public ReconcilerMetrics build() {
            return new ReconcilerMetrics(tags);
        }
    }
}
