package io.decnet.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The plan of {@code plan} and {@code reconcile --dry-run}, as text: one line per change ({@code +} insert,
 * {@code -} delete, {@code ~} update, with each changed column before {@code ->} after; JSON columns as a compact
 * diff), one per skip, then the summary line, e.g.
 * <pre>
 *   + decky-01  state running, services ["ssh","smtp_relay"], decky_ip "10.0.0.10"  (in the state file, no row; ...)
 *   ~ decky-02  state running -> degraded  (1 of 2 containers running, 1 missing)
 *   - decky-09  was running  (not in the state file)
 * Plan: 1 to insert, 0 to update, 1 to delete, 2 states to change.
 * </pre>
 * Stateless.
 */
final class PlanText {
    private static final int MAX_VALUE = 60;

    private PlanText() {
    }

    static List<String> lines(ReconcileReport report, List<ChangeDetail> details, Colour colour) {
        List<String> lines = new ArrayList<>();
        int inserts = 0;
        int updates = 0;
        int deletes = 0;
        int states = 0;
        for (ChangeDetail d : details) {
            ChangeKind kind = d.change().kind();
            String name = Printable.of(d.change().name());
            String why = "  (" + Printable.of(d.change().reason()) + ")";
            switch (kind) {
                case INSERT -> {
                    inserts++;
                    lines.add(colour.green("  + " + name) + "  " + inserted(d) + why);
                }
                case DELETE -> {
                    deletes++;
                    lines.add(colour.red("  - " + name) + "  was " + d.change().findPreviousState()
                            .map(s -> Printable.of(s.value())).orElse("?") + why);
                }
                default -> {
                    updates += kind.changesConfig() ? 1 : 0;
                    states += kind.changesState() ? 1 : 0;
                    lines.add(colour.yellow("  ~ " + name) + "  " + updated(d) + why);
                }
            }
        }
        for (Skip s : report.skips()) {
            if (s.reason() == SkipReason.RUNTIME_UNREACHABLE) {
                continue; // said once, below the summary
            }
            lines.add("  skipped " + s.findName().map(Printable::of).orElse("(pass)") + ": "
                    + s.reason().name().toLowerCase(Locale.ROOT) + ", " + Printable.of(s.detail()));
        }
        lines.add("Plan: " + inserts + " to insert, " + updates + " to update, " + deletes + " to delete, " + states
                + (states == 1 ? " state" : " states") + " to change.");
        if (!report.runtime().usable()) {
            lines.add("Docker could not be read (" + Printable.of(ReportText.summary(report.runtime()))
                    + "): row states were not checked" + (details.isEmpty() ? "; the table is not known to agree"
                    : "") + ".");
        } else if (details.isEmpty()) {
            lines.add("No changes: this host's rows agree with the state file and Docker.");
        }
        return lines;
    }

    private static String inserted(ChangeDetail d) {
        StringJoiner columns = new StringJoiner(", ");
        for (ChangeDetail.Column c : d.columns()) {
            if (!c.name().equals("decky_config")) {
                columns.add(c.name() + " " + value(c.after()));
            }
        }
        return columns.toString();
    }

    private static String updated(ChangeDetail d) {
        StringJoiner columns = new StringJoiner("; ");
        for (ChangeDetail.Column c : d.columns()) {
            columns.add(c.name() + " " + diff(c.before(), c.after()));
        }
        return columns.length() == 0 ? d.change().kind().name().toLowerCase(Locale.ROOT) : columns.toString();
    }

    /** {@code before -> after}; for two arrays the elements added and removed, for two objects the keys changed. */
    static String diff(JsonNode before, JsonNode after) {
        if (before.isArray() && after.isArray()) {
            Set<String> was = elements(before);
            Set<String> is = elements(after);
            StringJoiner out = new StringJoiner(" ");
            is.stream().filter(e -> !was.contains(e)).forEach(e -> out.add("+" + e));
            was.stream().filter(e -> !is.contains(e)).forEach(e -> out.add("-" + e));
            return out.length() > 0 ? Printable.of(out.toString()) : value(before) + " -> " + value(after);
        }
        if (before.isObject() && after.isObject()) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode b = before.get(key);
                JsonNode a = after.get(key);
                String k = Printable.of(key);
                if (b == null) {
                    out.add("+" + k + ": " + value(a));
                } else if (a == null) {
                    out.add("-" + k);
                } else if (!a.equals(b)) {
                    out.add(k + ": " + (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType()
                            ? diff(b, a) : value(b) + " -> " + value(a)));
                }
            }
            return out.toString();
        }
        return value(before) + " -> " + value(after);
    }

    private static Set<String> elements(JsonNode array) {
        Set<String> elements = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            elements.add(e.isTextual() ? e.textValue() : e.toString());
        }
        return elements;
    }

    /** A value as compact JSON (a string without its quotes when it is a plain word), shortened, escaped. */
    static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "(none)";
        }
        String text = node.isTextual() && node.textValue().matches("[A-Za-z0-9_.:/-]+") ? node.textValue()
                : node.toString();
        if (text.length() > MAX_VALUE) {
            text = text.substring(0, MAX_VALUE - 3) + "...";
        }
        return Printable.of(text);
    }
}
