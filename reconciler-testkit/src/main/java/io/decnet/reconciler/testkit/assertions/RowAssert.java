package io.decnet.reconciler.testkit.assertions;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link FleetRow}; failures print the whole row.
 *
 * <pre>{@code
 * FleetAssertions.assertThat(store).hasRow("local", "web-01").withState(DeckyState.RUNNING).withServices("ssh");
 * }</pre>
 *
 * <p>Not thread-safe (AssertJ assertion objects are used by one test thread).
 */
public final class RowAssert extends AbstractAssert<RowAssert, FleetRow> {

    /** Use {@code FleetAssertions.assertThat(row)} or {@code FleetAssertions.assertThat(store).hasRow(..)}. */
    public RowAssert(FleetRow actual) {
        super(actual, RowAssert.class);
    }

    public RowAssert withState(DeckyState expected) {
        return column("state", expected, actual.state());
    }

    public RowAssert withState(String expected) {
        return withState(DeckyState.of(expected));
    }

    public RowAssert withServices(String... expected) {
        return column("services", Arrays.asList(expected), actual.services());
    }

    public RowAssert withServices(List<String> expected) {
        return column("services", expected, actual.services());
    }

    public RowAssert withIp(String expected) {
        return column("decky_ip", expected, actual.deckyIp());
    }

    public RowAssert withConfig(String expected) {
        return column("decky_config", expected, actual.deckyConfig());
    }

    public RowAssert withLastError(String expected) {
        return column("last_error", expected, actual.lastError());
    }

    public RowAssert withComposeHash(String expected) {
        return column("compose_hash", expected, actual.composeHash());
    }

    public RowAssert withLastSeen(Instant expected) {
        return column("last_seen", expected, actual.lastSeen());
    }

    public RowAssert withUpdatedAt(Instant expected) {
        return column("updated_at", expected, actual.updatedAt());
    }

    private RowAssert column(String column, Object expected, Object value) {
        isNotNull();
        if (!Objects.equals(expected, value)) {
            failWithMessage("%s", "Expected row '" + actual.name() + "' of host '" + actual.hostUuid() + "' to have "
                    + column + " <" + expected + "> but it was <" + value + ">; the row: " + actual);
        }
        return myself;
    }
}
