package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The text output of {@code reconcile --once}. Stateless. */
final class ReportText {
    private ReportText() {
    }

    /**
     * DECNET's counts line, exactly, then one line with what it lacks, e.g.
     * <pre>
     * reconcile: inserted=2 deleted=0 state_updated=0
     * config_updated=0 conflicts=0 skipped=0 odd_rows=0 state_file=usable (present, 2 deckies) docker=unusable (unreachable: ...)
     * </pre>
     * In a dry run the second line starts with {@code dry run, nothing written:}.
     */
    static List<String> summary(ReconcileReport report) {
        StringBuilder details = new StringBuilder();
        if (report.dryRun()) {
            details.append("dry run, nothing written: ");
        }
        details.append("config_updated=").append(report.configUpdated())
                .append(" conflicts=").append(report.conflicts())
                .append(" skipped=").append(report.skips().size()).append(skipBreakdown(report.skips()))
                .append(" odd_rows=").append(report.oddRows().size())
                .append(" state_file=").append(usable(report.stateFile()))
                .append(" docker=").append(usable(report.runtime()));
        return List.of(report.countsLine(), details.toString());
    }

    /** One indented line per change and per skip, for a dry run or {@code --verbose}. */
    static List<String> details(ReconcileReport report) {
        List<String> lines = new ArrayList<>();
        for (Change c : report.changes()) {
            String states = c.findPreviousState().map(p -> p.describe() + " -> " + c.state().describe())
                    .orElse("-> " + c.state().describe());
            lines.add("  " + c.kind().name().toLowerCase(Locale.ROOT) + " " + Printable.of(c.name()) + " (" + states
                    + "): " + Printable.of(c.reason()) + " [" + c.status().name().toLowerCase(Locale.ROOT) + "]");
        }
        for (Skip s : report.skips()) {
            lines.add("  skip " + s.findName().map(Printable::of).orElse("(pass)") + " "
                    + s.reason().name().toLowerCase(Locale.ROOT) + ": " + Printable.of(s.detail()));
        }
        for (OddRow odd : report.oddRows()) {
            lines.add("  odd " + Printable.of(odd.name()) + ": " + odd.describe());
        }
        return lines;
    }

    private static String usable(SourceStatus status) {
        if (!status.wasRead()) {
            return "not_read";
        }
        return (status.usable() ? "usable" : "unusable") + " (" + summary(status) + ")";
    }

    /** The status's summary, without a leading "unreachable: " when the reason says so itself. */
    static String summary(SourceStatus status) {
        String s = status.summary();
        String rest = s.startsWith("unreachable: ") ? s.substring("unreachable: ".length()) : s;
        return rest.contains("unreachable") ? rest : s;
    }

    private static String skipBreakdown(List<Skip> skips) {
        if (skips.isEmpty()) {
            return "";
        }
        Map<String, Integer> byReason = new TreeMap<>();
        skips.forEach(s -> byReason.merge(s.reason().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
        StringBuilder b = new StringBuilder(" (");
        byReason.forEach((reason, n) -> b.append(b.length() > 2 ? ", " : "").append(reason).append('=').append(n));
        return b.append(')').toString();
    }
}
