package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's log lines about passes: a failure each time, the counts when a pass changed something, an input
 * (state file, Docker) only when it becomes unusable or usable again, and an odd row (something DECNET does not
 * write, see {@link OddRow}) when it first shows up, not on every pass. Names are escaped ({@link Printable}).
 * Thread-safe.
 */
final class OutcomeLog {
    private static final Logger log = LoggerFactory.getLogger(ReconcileWorker.class);

    private final String name;
    private final Input stateFile = new Input("state file", "nothing is changed until it is readable");
    private final Input runtime = new Input("docker", "row states are left as they are");
    /** The odd rows of the last pass that read the table, as {@code name: problems}; only to log changes. */
    private Set<String> oddRows = Set.of();

    OutcomeLog(String name) {
        this.name = name;
    }

    /**
     * @param inARow failed passes in a row, this one included
     * @param next the wait before the next pass, or {@code null} when none is scheduled
     */
    void passEnded(PassOutcome outcome, int inARow, Duration next) {
        String after = next == null ? "" : ", next pass in " + Durations.human(next);
        if (!outcome.succeeded()) {
            log.warn("{}: pass {} failed ({} in a row{}): {}", name, outcome.number(), inARow, after,
                    outcome.summary());
            return;
        }
        ReconcileReport report = outcome.report();
        stateFile.observed(report.stateFile());
        runtime.observed(report.runtime());
        if (report.stateFile().wasRead() && report.stateFile().usable()) {
            oddRowsSeen(report.oddRows()); // otherwise nothing was planned, and no row looked at
        }
        if (report.hasChanges() || report.conflicts() > 0) {
            log.info("{}: {} config_updated={} conflicts={} in {}", name, report.countsLine(),
                    report.configUpdated(), report.conflicts(), Durations.human(outcome.duration()));
        } else {
            log.debug("{}: pass {} converged in {}", name, outcome.number(), Durations.human(outcome.duration()));
        }
    }

    private void oddRowsSeen(List<OddRow> odd) {
        Set<String> now = new LinkedHashSet<>();
        for (OddRow row : odd) {
            now.add(Printable.of(row.name()) + ": " + row.describe()); // the problems quote values escaped
        }
        Set<String> before;
        synchronized (this) {
            before = oddRows;
            oddRows = now;
        }
        for (String row : now) {
            if (!before.contains(row)) {
                log.warn("{}: odd row of this host (not what DECNET writes; compared like the others): {}", name,
                        row);
            }
        }
        if (now.isEmpty() && !before.isEmpty()) {
            log.info("{}: no odd rows any more", name);
        }
    }

    /** One input of a pass and whether it was usable at the last pass that read it. */
    private final class Input {
        private final String what;
        private final String consequence;
        private Boolean usable;

        Input(String what, String consequence) {
            this.what = what;
            this.consequence = consequence;
        }

        void observed(SourceStatus status) {
            if (!status.wasRead()) {
                return; // the pass stopped before reading it (e.g. an unreadable state file): nothing was learnt
            }
            Boolean before;
            synchronized (this) {
                before = usable;
                usable = status.usable();
            }
            if (before != null && before == status.usable()) {
                return;
            }
            if (!status.usable()) {
                log.warn("{}: {} unusable, {}: {}", name, what, consequence, status.summary());
            } else if (before != null) {
                log.info("{}: {} usable again: {}", name, what, status.summary());
            }
        }
    }
}
