package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A full applied pass ({@link Reconciler#reconcileOnce}) on the in-memory store: a converged fleet (three reads,
 * no write) against a full insert of every decky (three reads, one apply of every row).
 *
 * <p>A pass changes the store, so each invocation gets a new store holding the scenario's rows, built outside
 * the measured time (JMH {@link Level#Invocation} setup; fine here because a pass takes milliseconds, far above
 * the timer's resolution). Both scenarios get the same treatment so that their figures compare.
 *
 * <p>Not thread-safe: JMH state of one benchmark thread (see {@link ShortRun} for the settings).
 */
public class ReconcileOnceBenchmark extends ShortRun {

    @Param({"10000"})
    int deckies;

    @Param({"CONVERGED", "FULL_DRIFT"})
    Scenario scenario;

    private final Reconciler reconciler = Fleets.reconciler();
    private List<DeckySpec> fleet;
    private Scenario.Ports ports;

    @Setup(Level.Trial)
    public void buildFleet() {
        fleet = Fleets.deckies(deckies);
        ports = scenario.ports(fleet);
        scenario.check(reconcileOnce(), deckies);
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        ports = new Scenario.Ports(ports.state(), scenario.store(fleet), ports.runtime());
    }

    @Benchmark
    public ReconcileReport reconcileOnce() {
        return reconciler.reconcileOnce(ports.state(), ports.store(), ports.runtime(), Fleets.HOST);
    }
}
