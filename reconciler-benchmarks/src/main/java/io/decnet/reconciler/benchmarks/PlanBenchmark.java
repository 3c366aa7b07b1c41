package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A dry run ({@link Reconciler#dryRun}: read the three in-memory snapshots, plan, report, write nothing) over
 * fleets of 1,000 to 100,000 deckies in each {@link Scenario}. Nothing is written, so every invocation sees the
 * same input.
 *
 * <p>Not thread-safe: JMH state of one benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlanBenchmark {

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
