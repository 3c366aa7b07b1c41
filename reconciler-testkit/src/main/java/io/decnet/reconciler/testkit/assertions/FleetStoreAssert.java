package io.decnet.reconciler.testkit.assertions;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the rows of an {@link InMemoryFleetStore}; failures list the rows that were there.
 *
 * <pre>{@code
 * FleetAssertions.assertThat(store)
 *         .hasRowCount("local", 2)
 *         .hasNoRow("local", "old-01")
 *         .hasRow("local", "web-01").withState(DeckyState.DEGRADED);
 * }</pre>
 *
 * <p>Not thread-safe (AssertJ assertion objects are used by one test thread).
 */
public final class FleetStoreAssert extends AbstractAssert<FleetStoreAssert, InMemoryFleetStore> {

    /** Use {@code FleetAssertions.assertThat(store)}. */
    public FleetStoreAssert(InMemoryFleetStore actual) {
        super(actual, FleetStoreAssert.class);
    }

    /** The store has row {@code name} of {@code host}; continue with assertions on that row. */
    public RowAssert hasRow(String host, String name) {
        isNotNull();
        Optional<FleetRow> row = actual.row(host, name);
        if (row.isEmpty()) {
            failWithMessage("%s", "Expected a row '" + name + "' of host '" + host + "' but " + describe(host));
        }
        return new RowAssert(row.orElseThrow());
    }

    /** The store has no row {@code name} of {@code host}. */
    public FleetStoreAssert hasNoRow(String host, String name) {
        isNotNull();
        actual.row(host, name).ifPresent(row -> failWithMessage("%s",
                "Expected no row '" + name + "' of host '" + host + "' but found " + row));
        return myself;
    }

    /** {@code host} has exactly {@code count} rows. */
    public FleetStoreAssert hasRowCount(String host, int count) {
        isNotNull();
        int actualCount = actual.rows(host).size();
        if (actualCount != count) {
            failWithMessage("%s", "Expected " + count + " rows of host '" + host + "' but " + describe(host));
        }
        return myself;
    }

    /** {@code host} has rows named exactly {@code names}, in any order. */
    public FleetStoreAssert hasRowNames(String host, String... names) {
        isNotNull();
        Set<String> expected = new TreeSet<>(Arrays.asList(names));
        Set<String> present = actual.rows(host).stream().map(FleetRow::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!expected.equals(present) || expected.size() != names.length) {
            failWithMessage("%s", "Expected host '" + host + "' to have exactly the rows " + Arrays.toString(names)
                    + " but " + describe(host));
        }
        return myself;
    }

    /** {@link InMemoryFleetStore#apply} was called {@code count} times. */
    public FleetStoreAssert hasApplyCount(int count) {
        isNotNull();
        if (actual.applyCount() != count) {
            failWithMessage("%s", "Expected " + count + " apply calls but there were " + actual.applyCount()
                    + "; applied changes: " + actual.appliedChanges());
        }
        return myself;
    }

    /** {@link InMemoryFleetStore#read} was called {@code count} times. */
    public FleetStoreAssert hasReadCount(int count) {
        isNotNull();
        if (actual.readCount() != count) {
            failWithMessage("%s", "Expected " + count + " reads but there were " + actual.readCount());
        }
        return myself;
    }

    private String describe(String host) {
        List<FleetRow> rows = actual.rows(host);
        String own = rows.isEmpty() ? "that host had no rows"
                : "that host's " + rows.size() + " rows were " + summary(rows);
        List<FleetRow> others = actual.allRows().stream().filter(r -> !r.hostUuid().equals(host)).toList();
        return own + (others.isEmpty() ? "; no other host had rows"
                : "; other hosts' rows: " + others.stream()
                        .map(r -> r.hostUuid() + "/" + r.name() + "=" + r.state()).toList());
    }

    private static String summary(List<FleetRow> rows) {
        return rows.stream().map(r -> r.name() + "=" + r.state()).toList().toString();
    }
}
