package io.decnet.reconciler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SourceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} output: one object with the counts, each change (with its columns before and after and a
 * reason code beside the words), each skip, the error and the timings. Keys are snake_case like DECNET's; enum
 * values lower case. Every document carries {@value #FORMAT_VERSION} as {@code format_version} and an
 * {@code error} object ({@code null} when the run succeeded): {@code {"code": ..., "message": ...,
 * "exit_code": n}}. Secrets are masked value by value before serializing. Stateless.
 */
final class ReportJson {
    /** Raised when a key is removed or changes meaning; new keys do not raise it. */
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    static String render(ReconcileReport report, Settings settings, int exitCode) {
        return render(report, ChangeDetail.statesOnly(report), settings, exitCode, null);
    }

    /**
     * @param details the report's changes with their columns
     * @param error the code and message of why the run failed ({@code exitCode} 1), or {@code null}
     */
    static String render(ReconcileReport report, List<ChangeDetail> details, Settings settings, int exitCode,
            ErrorCode error) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("host_uuid", report.hostUuid());
        root.put("started_at", report.startedAt().toString());
        root.put("dry_run", report.dryRun());
        boolean ran = OnceRun.ran(report);
        root.put("completed", ran);
        // A pass that could not run has no counts: null, never a 0 that reads as "converged".
        count(root, "inserted", ran, report.inserted());
        count(root, "deleted", ran, report.deleted());
        count(root, "state_updated", ran, report.stateUpdated());
        count(root, "config_updated", ran, report.configUpdated());
        count(root, "conflicts", ran, report.conflicts());
        root.set("state_file", source(report.stateFile()).put("path", settings.stateFile().toString()));
        root.set("docker", source(report.runtime()).put("host", Redaction.mask(settings.dockerHost())));
        root.put("database", settings.maskedDbUrl());
        ArrayNode changes = root.putArray("changes");
        for (ChangeDetail d : details) {
            Change c = d.change();
            ObjectNode n = changes.addObject();
            n.put("name", c.name());
            n.put("kind", lower(c.kind()));
            n.put("previous_state", c.findPreviousState().map(s -> s.value()).orElse(null));
            n.put("state", c.state().value());
            n.put("reason", c.reason());
            n.put("reason_code", reasonCode(c.kind()));
            n.put("status", lower(c.status()));
            ObjectNode before = n.putObject("before");
            ObjectNode after = n.putObject("after");
            for (ChangeDetail.Column column : d.columns()) {
                before.set(column.name(), column.before());
                after.set(column.name(), column.after());
            }
        }
        ArrayNode skips = root.putArray("skips");
        for (Skip s : report.skips()) {
            ObjectNode n = skips.addObject();
            n.put("name", s.findName().orElse(null));
            n.put("reason", lower(s.reason()));
            n.put("reason_code", lower(s.reason()));
            n.put("detail", s.detail());
        }
        ArrayNode oddRows = root.putArray("odd_rows");
        for (OddRow odd : report.oddRows()) {
            ObjectNode n = oddRows.addObject();
            n.put("name", odd.name());
            odd.problems().forEach(n.putArray("problems")::add);
        }
        if (report.failed()) {
            root.putObject("failure")
                    .put("kind", lower(report.failure().kind()))
                    .put("message", Redaction.scrub(report.failure().message(), settings.dbUrl()));
        } else {
            root.putNull("failure");
        }
        PhaseTimings t = report.timings();
        root.putObject("timings_ms")
                .put("state_read", millis(t.stateRead()))
                .put("store_read", millis(t.storeRead()))
                .put("runtime_observe", millis(t.runtimeObserve()))
                .put("plan", millis(t.plan()))
                .put("apply", millis(t.apply()))
                .put("total", millis(t.total()));
        if (error != null) {
            root.set("error", errorNode(error, exitCode));
        } else {
            root.putNull("error");
        }
        root.put("exit_code", exitCode);
        try {
            // Masked value by value, before serializing: masking the serialized text could eat its quotes and
            // commas (a password runs to the next separator) and leave something that is not JSON.
            return Printable.json(JSON.writeValueAsString(scrubbed(root, settings.dbUrl())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report as JSON", e);
        }
    }

    /** {@code node} with the database's passwords masked in every string value, at any depth. */
    static JsonNode scrubbed(JsonNode node, String url) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(Redaction.scrub(node.textValue(), url));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), scrubbed(e.getValue(), url)));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(scrubbed(element, url)));
            return copy;
        }
        return node;
    }

    private static void count(ObjectNode root, String key, boolean ran, int value) {
        if (ran) {
            root.put(key, value);
        } else {
            root.putNull(key);
        }
    }

    private static ObjectNode source(SourceStatus status) {
        return JSON.createObjectNode().put("usable", status.usable())
                .put("availability", status.availability().name().toLowerCase(java.util.Locale.ROOT))
                .put("summary", status.summary());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 10_000.0) / 100.0;
    }

    /** Why a change is made, as a code: what differs between the table and the state file or Docker. */
    static String reasonCode(ChangeKind kind) {
        return switch (kind) {
            case INSERT -> "missing_row";
            case DELETE -> "not_in_state_file";
            case STATE_UPDATE -> "docker_state_differs";
            case CONFIG_UPDATE -> "config_differs";
            case STATE_AND_CONFIG_UPDATE -> "docker_state_and_config_differ";
        };
    }

    /**
     * The one JSON object of a {@code --json} run that stopped before a pass (a bad flag, an unusable database):
     * {@code {"format_version": 1, "completed": false, "error": {"code", "message", "exit_code"}, "exit_code": n}}.
     * {@code message} must already be masked.
     */
    static String error(ErrorCode error, int exitCode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("completed", false);
        root.set("error", errorNode(error, exitCode));
        root.put("exit_code", exitCode);
        return Printable.json(root.toString());
    }

    private static ObjectNode errorNode(ErrorCode error, int exitCode) {
        return JSON.createObjectNode().put("code", error.code()).put("message", error.message())
                .put("exit_code", exitCode);
    }
}
