package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.benchmarks.engine.EngineBenchmark.Database;
import java.util.List;

/**
 * The phase timings the passes themselves report, collected so that a slow pass shows where its time went.
 *
 * <p>Not thread-safe.
 */
final class Phases {
    private final Samples stateRead = new Samples();
    private final Samples storeRead = new Samples();
    private final Samples observe = new Samples();
    private final Samples plan = new Samples();

    void add(ReconcileReport report) {
        PhaseTimings t = report.timings();
        stateRead.add(t.stateRead().toNanos());
        storeRead.add(t.storeRead().toNanos());
        observe.add(t.runtimeObserve().toNanos());
        plan.add(t.plan().toNanos());
    }

    /** The median planning time, in nanoseconds. */
    long planMedian() {
        return plan.median();
    }

    /** One result per phase, named {@code <of> · <phase>}. */
    List<Result> results(Database db, int n, String of) {
        return List.of(new Result(db, n, of + " · state read and parse", stateRead, null),
                new Result(db, n, of + " · store read", storeRead, null),
                new Result(db, n, of + " · Docker observation", observe, null),
                new Result(db, n, of + " · planning", plan, null));
    }
}
