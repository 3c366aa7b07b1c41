package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import io.decnet.reconciler.testkit.Rows;
import java.util.List;

/**
 * What the table and Docker hold for a generated fleet, and what a pass must plan for it. Benchmarks check the
 * plan once before measuring, so that a figure never belongs to a path other than the one named.
 *
 * <p>Immutable and thread-safe.
 */
public enum Scenario {
    /** Every decky has its row with the same text, every container runs: a pass plans nothing. */
    CONVERGED,
    /**
     * As {@link #CONVERGED}, but each row's {@code decky_config} is spaced as Python's {@code json.dumps} writes
     * it, so the texts differ and each pair is parsed and compared as JSON values; still nothing to plan.
     */
    CONVERGED_PYTHON_SPACING,
    /** The table is empty (a deploy ran while the DB was offline): a pass inserts every decky. */
    FULL_DRIFT,
    /** Every container of every tenth decky has exited: a pass changes those rows' state to {@code failed}. */
    STATE_DRIFT;

    /** The three ports of a pass. */
    record Ports(InMemoryStateSource state, InMemoryFleetStore store, FakeRuntime runtime) {
    }

    /** New ports holding this scenario for {@code deckies}. */
    Ports ports(List<DeckySpec> deckies) {
        return new Ports(InMemoryStateSource.create().fleet(deckies), store(deckies), runtime(deckies));
    }

    /** A new store holding this scenario's rows for {@code deckies}. */
    InMemoryFleetStore store(List<DeckySpec> deckies) {
        InMemoryFleetStore store = InMemoryFleetStore.create();
        if (this == FULL_DRIFT) {
            return store;
        }
        FleetRow[] rows = new FleetRow[deckies.size()];
        for (int i = 0; i < rows.length; i++) {
            DeckySpec decky = deckies.get(i);
            Rows.Builder row = Rows.rowFor(decky);
            if (this == CONVERGED_PYTHON_SPACING) {
                row.config(Fleets.pythonSpacing(decky.configJson()));
            }
            rows[i] = row.build();
        }
        return store.put(rows);
    }

    private FakeRuntime runtime(List<DeckySpec> deckies) {
        FakeRuntime runtime = FakeRuntime.create();
        for (int i = 0; i < deckies.size(); i++) {
            DeckySpec decky = deckies.get(i);
            String[] services = decky.services().toArray(String[]::new);
            if (this == STATE_DRIFT && stopped(i)) {
                runtime.stopped(decky.name(), services);
            } else {
                runtime.running(decky.name(), services);
            }
        }
        return runtime;
    }

    private static boolean stopped(int index) {
        return index % 10 == 0;
    }

    /**
     * Checks that {@code report}, of a pass (or dry run) over this scenario's ports for {@code deckies} deckies,
     * holds exactly the changes this scenario must produce.
     *
     * @throws IllegalStateException naming what was expected and what the report holds
     */
    void check(ReconcileReport report, int deckies) {
        Counts expected = switch (this) {
            case CONVERGED, CONVERGED_PYTHON_SPACING -> new Counts(0, 0, 0, 0, 0);
            case FULL_DRIFT -> new Counts(deckies, 0, 0, 0, 0);
            case STATE_DRIFT -> new Counts(0, 0, (deckies + 9) / 10, 0, 0);
        };
        Counts actual = new Counts(report.inserted(), report.deleted(), report.stateUpdated(),
                report.configUpdated(), report.conflicts());
        if (!actual.equals(expected) || report.failed() || !report.skips().isEmpty()) {
            throw new IllegalStateException("scenario " + this + " with " + deckies + " deckies must give "
                    + expected + " without skips or failure, the pass gave " + actual + ", skips "
                    + report.skips() + ", failure " + report.failure());
        }
    }

    private record Counts(int inserted, int deleted, int stateUpdated, int configUpdated, int conflicts) {
    }
}
