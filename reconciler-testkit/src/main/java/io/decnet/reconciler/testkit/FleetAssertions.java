package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.testkit.assertions.FleetStoreAssert;
import io.decnet.reconciler.testkit.assertions.ReconcileReportAssert;
import io.decnet.reconciler.testkit.assertions.RowAssert;

/**
 * AssertJ entry points for the fleet: static-import {@code assertThat} next to AssertJ's own.
 *
 * <pre>{@code
 * import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
 *
 * assertThat(report).hasCounts(1, 0, 0).hasNoFailure();
 * assertThat(store).hasRow("local", "web-01").withState(DeckyState.RUNNING);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class FleetAssertions {
    private FleetAssertions() {
    }

    /** Assertions on the rows held by {@code store}. */
    public static FleetStoreAssert assertThat(InMemoryFleetStore store) {
        return new FleetStoreAssert(store);
    }

    /** Assertions on the counts, changes, skips and failure of {@code report}. */
    public static ReconcileReportAssert assertThat(ReconcileReport report) {
        return new ReconcileReportAssert(report);
    }

    /** Assertions on the columns of {@code row}. */
    public static RowAssert assertThat(FleetRow row) {
        return new RowAssert(row);
    }
}
