package io.decnet.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One change of a report with the columns it changes, each before and after (as JSON values: {@code services} an
 * array, {@code decky_config} an object when it parses). Immutable.
 *
 * @param change the change as reported
 * @param columns the columns it writes that differ; for an insert every column written, for a delete every column
 *     the row had
 */
record ChangeDetail(Change change, List<Column> columns) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ChangeDetail {
        Objects.requireNonNull(change, "change");
        columns = List.copyOf(columns);
    }

    /**
     * One column of a change: {@code before} is {@link NullNode} for an insert, {@code after} for a delete.
     *
     * @param name the column's name in {@code fleet_deckies}
     */
    record Column(String name, JsonNode before, JsonNode after) {
    }

    /** The report's changes, each with its columns from what the pass read ({@code snapshots}). */
    static List<ChangeDetail> of(ReconcileReport report, Snapshots snapshots) {
        Map<String, FleetRow> rows = snapshots.rows().stream()
                .collect(Collectors.toMap(FleetRow::name, Function.identity(), (a, b) -> a));
        Map<String, DeckySpec> specs = snapshots.fleet() instanceof DesiredFleet.Present present
                ? present.deckies().stream()
                        .collect(Collectors.toMap(DeckySpec::name, Function.identity(), (a, b) -> a))
                : Map.of();
        List<ChangeDetail> details = new ArrayList<>(report.changes().size());
        for (Change c : report.changes()) {
            details.add(new ChangeDetail(c, columns(c, rows.get(c.name()), specs.get(c.name()))));
        }
        return details;
    }

    /** The report's changes with their states only (what the report knows without the snapshots). */
    static List<ChangeDetail> statesOnly(ReconcileReport report) {
        return report.changes().stream().map(c -> new ChangeDetail(c, columns(c, null, null))).toList();
    }

    private static List<Column> columns(Change c, FleetRow row, DeckySpec spec) {
        List<Column> columns = new ArrayList<>(4);
        JsonNode stateBefore = c.findPreviousState().<JsonNode>map(s -> TextNode.valueOf(s.value()))
                .orElse(NullNode.getInstance());
        if (c.kind() == ChangeKind.INSERT) {
            columns.add(new Column("state", NullNode.getInstance(), TextNode.valueOf(c.state().value())));
            if (spec != null) {
                columns.add(new Column("services", NullNode.getInstance(), services(spec.services())));
                columns.add(new Column("decky_ip", NullNode.getInstance(), TextNode.valueOf(spec.ip())));
                columns.add(new Column("decky_config", NullNode.getInstance(), config(spec.configJson())));
            }
            return columns;
        }
        if (c.kind() == ChangeKind.DELETE) {
            columns.add(new Column("state", stateBefore, NullNode.getInstance()));
            if (row != null) {
                columns.add(new Column("services", services(row.services()), NullNode.getInstance()));
                columns.add(new Column("decky_ip", text(row.deckyIp()), NullNode.getInstance()));
                columns.add(new Column("decky_config", config(row.deckyConfig()), NullNode.getInstance()));
            }
            return columns;
        }
        if (c.kind().changesState()) {
            columns.add(new Column("state", stateBefore, TextNode.valueOf(c.state().value())));
        }
        if (c.kind().changesConfig() && row != null && spec != null) {
            addIfDifferent(columns, "services", services(row.services()), services(spec.services()));
            addIfDifferent(columns, "decky_ip", text(row.deckyIp()), text(spec.ip()));
            addIfDifferent(columns, "decky_config", config(row.deckyConfig()), config(spec.configJson()));
        }
        return columns;
    }

    private static void addIfDifferent(List<Column> columns, String name, JsonNode before, JsonNode after) {
        if (!before.equals(after)) {
            columns.add(new Column(name, before, after));
        }
    }

    private static JsonNode services(List<String> services) {
        ArrayNode array = JSON.createArrayNode();
        services.forEach(array::add);
        return array;
    }

    private static JsonNode text(String value) {
        return value == null ? NullNode.getInstance() : TextNode.valueOf(value);
    }

    /** A {@code decky_config} text as its JSON value; text that does not parse stays a string. */
    private static JsonNode config(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return TextNode.valueOf(json);
        }
    }
}
