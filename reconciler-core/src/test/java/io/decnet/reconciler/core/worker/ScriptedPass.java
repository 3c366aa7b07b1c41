package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A pass whose behaviour the test scripts: succeed, fail, throw, take time. Records when each run started. */
final class ScriptedPass implements ReconcilePass {
    final List<Instant> startedAt = new CopyOnWriteArrayList<>();
    private final ManualClock clock;
    private final Deque<Supplier<ReconcileReport>> script = new ArrayDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    ScriptedPass(ManualClock clock) {
        this.clock = clock;
    }

    static ReconcileReport report(Instant at, Failure failure) {
        return new ReconcileReport("local", at, false, new SourceStatus(true, "present, 0 deckies"),
                new SourceStatus(true, "observed, 0 containers"), List.of(), List.of(), failure, PhaseTimings.NONE);
    }

    synchronized void failNext(int times) {
        for (int i = 0; i < times; i++) {
            script.add(() -> report(clock.instant(), new Failure(Failure.Kind.STORE, "database is down")));
        }
    }

    synchronized void throwNext(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
    }

    synchronized void takeNext(Duration d) {
        script.add(() -> {
            clock.advance(d);
            return report(clock.instant(), null);
        });
    }

    @Override
    public ReconcileReport run() {
        startedAt.add(clock.instant());
        maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Supplier<ReconcileReport> next;
            synchronized (this) {
                next = script.poll();
            }
            return next != null ? next.get() : report(clock.instant(), null);
        } finally {
            running.decrementAndGet();
        }
    }

    int runs() {
        return startedAt.size();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    List<Duration> waitsBetweenStarts() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < startedAt.size(); i++) {
            waits.add(Duration.between(startedAt.get(i - 1), startedAt.get(i)));
        }
        return waits;
    }
}
