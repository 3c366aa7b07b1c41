package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.WriterLease;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs passes under the one-writer-per-host lease: a pass runs only while this process holds the host's lease, so
 * two reconcilers of one host (two processes, two machines on one database) never run passes at the same time.
 * The lease is taken before the pass reads and given back after it applied. When another reconciler holds it, the
 * pass does not run; this is logged once, and again when it changes. When the lease cannot be asked for (the
 * database is down), the pass runs anyway: it reports the database's trouble itself and writes nothing it cannot.
 * Thread-safe.
 */
final class LeasedPass {
    /** What this process knows of the lease, for logs, {@code /healthz} and metrics. */
    enum State { NOT_TRIED, HELD, BUSY, UNAVAILABLE }

    private final WriterLease lease;
    private final String host;
    private final Logger log;
    private final AtomicReference<String> last = new AtomicReference<>("");
    private volatile State state = State.NOT_TRIED;
    private volatile String detail = "";

    LeasedPass(WriterLease lease, String host, Logger log) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.host = Objects.requireNonNull(host, "host");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Runs {@code pass} if the lease can be had (or cannot be asked for); empty when another reconciler holds it. */
    Optional<ReconcileReport> run(Supplier<ReconcileReport> pass) {
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

    State state() {
        return state;
    }

    /** The lease for a person: {@code held}, {@code standby (held by ...)}, {@code unavailable (...)}. */
    String describe() {
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
            case HELD -> log.info("host {}: this reconciler holds the writer lease and runs passes",
                    Printable.of(host));
            case BUSY -> log.warn("host {}: another reconciler holds the writer lease ({}); this one stands by and "
                    + "keeps trying", Printable.of(host), Printable.of(why));
            case UNAVAILABLE -> log.warn("host {}: the writer lease cannot be asked for ({}); passes run without it",
                    Printable.of(host), Printable.of(why));
            default -> { }
        }
    }
}
