package io.decnet.reconciler.testkit.assertions;

import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SkipReason;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ReconcileReport}; failures print the counts, changes, skips and failure that the report
 * did hold.
 *
 * <pre>{@code
 * FleetAssertions.assertThat(report).hasCounts(1, 0, 2).hasConflicts(0).hasSkip(SkipReason.OTHER_HOST);
 * FleetAssertions.assertThat(reconciler.reconcileOnce(state, store, docker, "local")).isConverged();
 * }</pre>
 *
 * <p>Not thread-safe (AssertJ assertion objects are used by one test thread).
 */
public final class ReconcileReportAssert extends AbstractAssert<ReconcileReportAssert, ReconcileReport> {

    /** Use {@code FleetAssertions.assertThat(report)}. */
    public ReconcileReportAssert(ReconcileReport actual) {
        super(actual, ReconcileReportAssert.class);
    }

    /** {@link ReconcileReport#inserted()}, {@code deleted()} and {@code stateUpdated()} are these. */
    public ReconcileReportAssert hasCounts(int inserted, int deleted, int stateUpdated) {
        isNotNull();
        if (actual.inserted() != inserted || actual.deleted() != deleted || actual.stateUpdated() != stateUpdated) {
            fail("counts inserted=" + inserted + " deleted=" + deleted + " state_updated=" + stateUpdated);
        }
        return myself;
    }

    /** {@link ReconcileReport#configUpdated()} is {@code count}. */
    public ReconcileReportAssert hasConfigUpdated(int count) {
        isNotNull();
        if (actual.configUpdated() != count) {
            fail("config_updated=" + count);
        }
        return myself;
    }

    /** The report lists no change at all, whatever its status. */
    public ReconcileReportAssert hasNoChanges() {
        isNotNull();
        if (!actual.changes().isEmpty()) {
            fail("no changes");
        }
        return myself;
    }

    /** {@code count} changes lost a race ({@link ChangeStatus#CONFLICT}). */
    public ReconcileReportAssert hasConflicts(int count) {
        isNotNull();
        if (actual.conflicts() != count) {
            fail(count + " conflicts");
        }
        return myself;
    }

    /** Some change of decky {@code name} is of {@code kind}, whatever its status. */
    public ReconcileReportAssert hasChange(String name, ChangeKind kind) {
        isNotNull();
        if (actual.changes().stream().noneMatch(c -> c.name().equals(name) && c.kind() == kind)) {
            fail("a " + kind + " of '" + name + "'");
        }
        return myself;
    }

    /** Some change of decky {@code name} is of {@code kind} and has {@code status}. */
    public ReconcileReportAssert hasChange(String name, ChangeKind kind, ChangeStatus status) {
        isNotNull();
        if (actual.changes().stream()
                .noneMatch(c -> c.name().equals(name) && c.kind() == kind && c.status() == status)) {
            fail("a " + kind + " of '" + name + "' with status " + status);
        }
        return myself;
    }

    /** Some skip has {@code reason}. */
    public ReconcileReportAssert hasSkip(SkipReason reason) {
        isNotNull();
        if (actual.skips().stream().noneMatch(s -> s.reason() == reason)) {
            fail("a skip " + reason);
        }
        return myself;
    }

    /** Some skip of decky {@code name} has {@code reason}. */
    public ReconcileReportAssert hasSkip(String name, SkipReason reason) {
        isNotNull();
        if (actual.skips().stream().noneMatch(s -> Objects.equals(s.name(), name) && s.reason() == reason)) {
            fail("a skip " + reason + " of '" + name + "'");
        }
        return myself;
    }

    /** The report has no skips. */
    public ReconcileReportAssert hasNoSkips() {
        isNotNull();
        if (!actual.skips().isEmpty()) {
            fail("no skips");
        }
        return myself;
    }

    /** The pass failed with {@code kind}. */
    public ReconcileReportAssert hasFailure(Failure.Kind kind) {
        isNotNull();
        if (actual.failure() == null || actual.failure().kind() != kind) {
            fail("a " + kind + " failure");
        }
        return myself;
    }

    /** The pass did not fail. */
    public ReconcileReportAssert hasNoFailure() {
        isNotNull();
        if (actual.failed()) {
            fail("no failure");
        }
        return myself;
    }

    /**
     * The pass found nothing to do: it did not fail, both the state file and the runtime were usable, and it
     * lists no change of any status. Skips of single deckies (another host, a transition in flight) are allowed.
     */
    public ReconcileReportAssert isConverged() {
        isNotNull();
        if (actual.failed() || !actual.stateFile().usable() || !actual.runtime().usable()
                || !actual.changes().isEmpty()) {
            fail("a converged pass (no failure, both sources usable, no changes)");
        }
        return myself;
    }

    private void fail(String expected) {
        failWithMessage("%s", "Expected " + expected + " but the report had " + describe());
    }

    private String describe() {
        StringBuilder out = new StringBuilder()
                .append(actual.countsLine())
                .append(" config_updated=").append(actual.configUpdated())
                .append(" conflicts=").append(actual.conflicts())
                .append(actual.dryRun() ? " (dry run)" : "")
                .append("\n  state file: ").append(actual.stateFile().summary())
                .append("\n  runtime: ").append(actual.runtime().summary())
                .append("\n  failure: ").append(actual.failure() == null ? "none" : actual.failure())
                .append("\n  changes:");
        if (actual.changes().isEmpty()) {
            out.append(" none");
        }
        actual.changes().forEach(c -> out.append("\n    ").append(c.status()).append(' ').append(c.kind())
                .append(' ').append(c.name()).append(": ").append(c.previousState()).append(" -> ")
                .append(c.state()).append(" (").append(c.reason()).append(')'));
        out.append("\n  skips:");
        if (actual.skips().isEmpty()) {
            out.append(" none");
        }
        actual.skips().forEach(s -> out.append("\n    ").append(s.reason())
                .append(s.name() == null ? "" : " " + s.name()).append(": ").append(s.detail()));
        return out.toString();
    }
}
