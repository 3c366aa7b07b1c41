package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.api.WriterLease;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes under the one-writer-per-host lease: a pass runs only while this process holds the host's lease, so
 * two reconcilers of one host (two processes, two machines on one database) never run passes at the same time.
 * The lease is taken before the pass reads and given back after it applied. When another reconciler holds it, the
 * pass does not run; this is logged once, and again when it changes. When the lease cannot be asked for (the
 * database is down), the pass runs anyway: it reports the database's trouble itself and writes nothing it cannot.
 *
 * <pre>{@code
 * LeasedPass leased = new LeasedPass(store.writerLease(), "local");
 * ReconcileWorker worker = ReconcileWorker.builder()
 *         .pass(leased.pass(() -> reconciler.reconcileOnce(state, store, docker, "local"), Clock.systemUTC()))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LeasedPass {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedPass.class);

    /** What this process knows of the lease, for logs, health checks and metrics. */
    public enum State { NOT_TRIED, HELD, BUSY, UNAVAILABLE }

    private final WriterLease lease;
    private final String host;
    private final AtomicReference<String> last = new AtomicReference<>("");
    private volatile State state = State.NOT_TRIED;
    private volatile String detail = "";

    public LeasedPass(WriterLease lease, String host) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Runs {@code pass} if the lease can be had (or cannot be asked for); empty when another reconciler holds it. */
    public Optional<ReconcileReport> run(Supplier<ReconcileReport> pass) {
        LeaseAttempt attempt = lease.tryAcquire(host);
        if (attempt instanceof LeaseAttempt.Held held) {
            note(State.HELD, "");
            try (held) {
                return Optional.of(pass.get());
            }
        }
        if (attempt instanceof LeaseAttempt.Busy busy) {
            note(State.BUSY, busy.holder());
            return Optional.empty();
        }
        note(State.UNAVAILABLE, ((LeaseAttempt.Unavailable) attempt).reason());
        return Optional.of(pass.get());
    }

    /**
     * A worker's pass: {@link #run} {@code pass}, or, while another reconciler holds the lease, the report of a pass
     * that stood by ({@link #standingBy}) at {@code clock}'s time.
     */
    public ReconcilePass pass(Supplier<ReconcileReport> pass, Clock clock) {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(clock, "clock");
        return () -> run(pass).orElseGet(() -> standingBy(clock.instant()));
    }

    /**
     * The report of a pass that did not run at {@code at} because another reconciler of the host held the lease:
     * nothing read, nothing changed, one {@link SkipReason#WRITER_LEASE_BUSY} skip naming the holder.
     */
    public ReconcileReport standingBy(Instant at) {
        return new ReconcileReport(host, at, false, SourceStatus.notRead(), SourceStatus.notRead(), List.of(),
                List.of(Skip.pass(SkipReason.WRITER_LEASE_BUSY, "writer lease " + describe()
                        + ": another reconciler of this host is running a pass")), null, PhaseTimings.NONE);
    }

    public State state() {
        return state;
    }

    /** The lease for a person: {@code held}, {@code standby (held by ...)}, {@code unavailable (...)}. */
    public String describe() {
        return switch (state) {
            case NOT_TRIED -> "not tried yet";
            case HELD -> "held";
            case BUSY -> "standby (held by " + Printable.of(detail) + ")";
            case UNAVAILABLE -> "unavailable (" + Printable.of(detail) + ")";
        };
    }

    private void note(State now, String why) {
        state = now;
        detail = why;
        String key = now + ":" + (now == State.BUSY ? why : "");
        if (last.getAndSet(key).equals(key)) {
            return;
        }
        switch (now) {
            case HELD -> LOG.info("host {}: this reconciler holds the writer lease and runs passes",
                    Printable.of(host));
            case BUSY -> LOG.warn("host {}: another reconciler holds the writer lease ({}); this one stands by and "
                    + "keeps trying", Printable.of(host), Printable.of(why));
            case UNAVAILABLE -> LOG.warn("host {}: the writer lease cannot be asked for ({}); passes run without it",
                    Printable.of(host), Printable.of(why));
            default -> { }
        }
    }
}
