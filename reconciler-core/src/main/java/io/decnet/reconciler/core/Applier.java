package io.decnet.reconciler.core;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a plan's writes to the store in one call and marks each change with what became of it. A lost race is
 * a {@link ChangeStatus#CONFLICT}: counted, not retried, not overwritten; the next pass sees the new row.
 */
final class Applier {

    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

    private Applier() {
    }

    /**
     * What became of a plan's changes.
     *
     * @param changes the plan's changes with their final status
     * @param failure why nothing was written, or {@code null}
     */
    record Applied(List<Change> changes, Failure failure) {
        List<Skip> skips() {
            return StoreFailure.skips(failure);
        }
    }

    /** Applies {@code plan} for {@code host}; never throws for a failing store. A plan without writes is not sent. */
    static Applied apply(FleetStore store, String host, Plan plan) {
        if (plan.isEmpty()) {
            return new Applied(List.of(), null);
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = store.apply(host, plan.writes());
        } catch (RuntimeException e) {
            return failed(plan, StoreFailure.of(e, "write", store, host));
        }
        List<Change> planned = plan.reportedChanges();
        if (outcomes == null || outcomes.size() != planned.size() || outcomes.stream().anyMatch(Objects::isNull)) {
            LOG.error("fleet store {} broke its contract: {} outcomes for {} changes", store.getClass().getName(),
                    outcomes == null ? "null" : outcomes.size(), planned.size());
            return failed(plan, new Failure(Failure.Kind.INTERNAL, "the fleet store returned "
                    + (outcomes == null ? "no" : outcomes.size()) + " outcomes for " + planned.size()
                    + " changes; what was written is unknown"));
        }
        List<Change> applied = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            applied.add(planned.get(i).withStatus(
                    outcomes.get(i) == WriteOutcome.APPLIED ? ChangeStatus.APPLIED : ChangeStatus.CONFLICT));
        }
        return new Applied(applied, null);
    }

    private static Applied failed(Plan plan, Failure failure) {
        return new Applied(plan.reportedChanges().stream().map(c -> c.withStatus(ChangeStatus.FAILED)).toList(),
                failure);
    }
}
