package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A dry run ({@link Reconciler#dryRun}: read the three in-memory snapshots, plan, report, write nothing) over
 * fleets of 1,000 to 100,000 deckies in each {@link Scenario}. Nothing is written, so every invocation sees the
 * same input.
 *
 * <p>Not thread-safe: JMH state of one benchmark thread (see {@link ShortRun} for the settings).
 */
public class PlanBenchmark extends ShortRun {

    @Param({"1000", "10000", "100000"})
    int deckies;

    @Param
    Scenario scenario;

    private final Reconciler reconciler = Fleets.reconciler();
    private Scenario.Ports ports;

    @Setup(Level.Trial)
    public void buildFleet() {
        ports = scenario.ports(Fleets.deckies(deckies));
        scenario.check(dryRun(), deckies);
    }

    @Benchmark
    public ReconcileReport dryRun() {
        return reconciler.dryRun(ports.state(), ports.store(), ports.runtime(), Fleets.HOST);
    }
}
