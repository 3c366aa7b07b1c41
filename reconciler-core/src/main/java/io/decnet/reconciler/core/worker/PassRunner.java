package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.ReconcileReport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass and turns whatever it does into exactly one result: its report, its failure, or a failure for what
 * it threw or returned wrongly; and names the failures of a pass that outran its deadline. Stateless but for its
 * settings; thread-safe.
 */
final class PassRunner {
    private static final Logger log = LoggerFactory.getLogger(ReconcileWorker.class);

    private final String name;
    private final ReconcilePass pass;
    private final Duration deadline;

    PassRunner(String name, ReconcilePass pass, Duration deadline) {
        this.name = name;
        this.pass = pass;
        this.deadline = deadline;
    }

    /** What one pass did: a report, a failure, or both (a report that failed). */
    record Result(ReconcileReport report, Failure failure) {
    }

    /** Runs the pass; never throws. */
    Result run(long number) {
        try {
            ReconcileReport report = pass.run();
            if (report == null) {
                return new Result(null, new Failure(Failure.Kind.INTERNAL, "the pass returned no report"));
            }
            return new Result(report, report.failed() ? report.failure() : null);
        } catch (Throwable t) { // each pass catches everything: the worker outlives a broken pass
            log.error("{}: pass {} threw", name, number, t);
            return new Result(null, new Failure(Failure.Kind.INTERNAL, "the pass threw " + t.getClass().getName()
                    + (t.getMessage() != null ? ": " + t.getMessage() : "")));
        }
    }

    Duration deadline() {
        return deadline;
    }

    /** The failure of pass {@code number} that outran its deadline. */
    Failure timeout(long number) {
        return new Failure(Failure.Kind.TIMEOUT,
                "pass " + number + " exceeded its deadline of " + Durations.human(deadline));
    }

    /** The outcome of a pass that ended after {@code took}: a success that overran its deadline is a timeout. */
    PassOutcome outcome(InFlight started, Duration took, Result result) {
        Failure failure = result.failure();
        if (failure == null && took.compareTo(deadline) > 0) {
            failure = timeout(started.number); // overran, though the deadline timer did not fire first
        }
        return new PassOutcome(started.number, started.startedAt, took, result.report(), failure);
    }

    /** A pass that started; the mutable fields are guarded by the worker's lock. */
    static final class InFlight {
        final long number;
        final Instant startedAt;
        final long startNanos;
        ScheduledFuture<?> watchdog;
        boolean timedOut;

        InFlight(long number, Instant startedAt, long startNanos) {
            this.number = number;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
        }
    }
}
