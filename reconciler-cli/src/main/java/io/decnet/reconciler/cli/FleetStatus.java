package io.decnet.reconciler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.api.SourceStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code status}: reads the state file, this host's rows (and the row counts of every host) and Docker once each,
 * and prints one row per decky, as a table or one JSON document. Writes nothing. One use per run.
 */
final class FleetStatus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Settings s;
    private final boolean allHosts;
    private final CliEnvironment env;

    FleetStatus(Settings s, boolean allHosts, CliEnvironment env) {
        this.s = s;
        this.allHosts = allHosts;
        this.env = env;
    }

    /**
     * One decky of this host as the three sources see it.
     *
     * @param spec the state file's decky, or {@code null} when only the table has it
     * @param row the table's row, or {@code null} when only the state file has it
     * @param containers each expected container and its Docker status ({@code null}: not there); empty when
     *     Docker could not be read
     */
    record Decky(String name, DeckySpec spec, FleetRow row, Map<String, ContainerStatus> containers) {
        long running() {
            return containers.values().stream().filter(c -> c != null && c.isRunning()).count();
        }

        List<String> notRunning() {
            List<String> names = new ArrayList<>();
            containers.forEach((name, status) -> {
                if (status == null || !status.isRunning()) {
                    names.add(name + " " + (status == null ? "missing" : status.value()));
                }
            });
            return names;
        }
    }

    int run() {
        Adapters.requireStateFile(s);
        DesiredFleet fleet;
        List<FleetRow> rows;
        Map<String, Integer> counts;
        Map<String, List<FleetRow>> peerRows = new LinkedHashMap<>();
        RuntimeObservation docker;
        String dbError = null;
        try (Adapters adapters = Adapters.open(s, env)) {
            fleet = adapters.state().read();
            try {
                rows = adapters.store().read(s.hostUuid());
                counts = adapters.database().rowCountsByHost();
                if (allHosts) {
                    for (String host : counts.keySet()) {
                        if (!host.equals(s.hostUuid())) {
                            peerRows.put(host, adapters.store().read(host));
                        }
                    }
                }
            } catch (FleetStoreException e) {
                rows = List.of();
                counts = Map.of();
                dbError = Redaction.scrub(e.getMessage(), s.dbUrl());
            }
            docker = adapters.docker().observe();
        }
        List<Decky> deckies = deckies(fleet, rows, docker);
        SourceStatus stateStatus = SourceStatus.of(fleet);
        int peers = (int) counts.keySet().stream().filter(h -> !h.equals(s.hostUuid())).count();
        int peerRowCount = counts.entrySet().stream().filter(e -> !e.getKey().equals(s.hostUuid()))
                .mapToInt(Map.Entry::getValue).sum();
        int code = stateStatus.usable() && dbError == null ? OnceRun.OK : OnceRun.ERROR;
        if (s.json()) {
            env.out().println(json(deckies, stateStatus, docker, dbError, peers, peerRowCount, peerRows, code));
        } else {
            text(deckies, stateStatus, docker, dbError, peers, peerRowCount, peerRows);
            if (!stateStatus.usable()) {
                env.err().println("error: state file unusable: " + Printable.of(stateStatus.summary()));
            }
            if (dbError != null) {
                env.err().println("error: database " + s.maskedDbUrl() + " could not be read: "
                        + Printable.of(dbError));
            }
        }
        env.out().flush();
        env.err().flush();
        return code;
    }

    private List<Decky> deckies(DesiredFleet fleet, List<FleetRow> rows, RuntimeObservation docker) {
        Map<String, Decky> byName = new LinkedHashMap<>();
        Map<String, FleetRow> rowByName = new LinkedHashMap<>();
        rows.forEach(r -> rowByName.put(r.name(), r));
        if (fleet instanceof DesiredFleet.Present present) {
            for (DeckySpec spec : present.deckies()) {
                if (spec.belongsTo(s.hostUuid())) {
                    byName.put(spec.name(), new Decky(spec.name(), spec, rowByName.get(spec.name()),
                            containers(spec.containerNames(), docker)));
                }
            }
        }
        for (FleetRow row : rows) {
            if (!byName.containsKey(row.name())) {
                List<String> expected = row.services().stream().map(sv -> DeckySpec.containerName(row.name(), sv))
                        .toList();
                byName.put(row.name(), new Decky(row.name(), null, row, containers(expected, docker)));
            }
        }
        return List.copyOf(byName.values());
    }

    private static Map<String, ContainerStatus> containers(List<String> expected, RuntimeObservation docker) {
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        if (docker instanceof RuntimeObservation.Observed observed) {
            expected.forEach(name -> containers.put(name, observed.status(name).orElse(null)));
        }
        return containers;
    }

    private void text(List<Decky> deckies, SourceStatus state, RuntimeObservation docker, String dbError, int peers,
            int peerRowCount, Map<String, List<FleetRow>> peerRows) {
        Colour colour = env.colour();
        boolean dockerRead = docker instanceof RuntimeObservation.Observed;
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"NAME", "IP", "SERVICES", "STATE", "UPDATED_AT", "DOCKER"});
        for (Decky d : deckies) {
            String ip = d.spec() != null ? d.spec().ip() : Optional.ofNullable(d.row()).flatMap(FleetRow::findDeckyIp)
                    .orElse("-");
            String services = String.join(",", d.spec() != null ? d.spec().services() : d.row().services());
            String stateValue = d.row() != null ? d.row().state().value() : "(no row)";
            String updated = d.row() != null ? d.row().findUpdatedAt().map(TIME::format).orElse("?") : "-";
            String dockerText;
            if (!dockerRead) {
                dockerText = "?";
            } else {
                dockerText = d.running() + "/" + d.containers().size() + " running";
                List<String> notRunning = d.notRunning();
                if (!notRunning.isEmpty()) {
                    dockerText += " (" + String.join(", ", notRunning) + ")";
                }
            }
            table.add(new String[] {d.name() + (d.spec() == null ? " (not in state file)" : ""), ip, services,
                stateValue, updated, dockerText});
        }
        List<String> lines = render(table);
        env.out().println(colour.bold(Printable.of(lines.get(0))));
        for (int i = 1; i < lines.size(); i++) {
            env.out().println(paint(colour, Printable.of(lines.get(i)), table.get(i)[3]));
        }
        if (allHosts && !peerRows.isEmpty()) {
            List<String[]> peersTable = new ArrayList<>();
            peersTable.add(new String[] {"HOST", "NAME", "IP", "SERVICES", "STATE", "UPDATED_AT"});
            peerRows.forEach((host, rows) -> rows.forEach(r -> peersTable.add(new String[] {host, r.name(),
                r.findDeckyIp().orElse("-"), String.join(",", r.services()), r.state().value(),
                r.findUpdatedAt().map(TIME::format).orElse("?")})));
            env.out().println();
            List<String> peerLines = render(peersTable);
            env.out().println(colour.bold(Printable.of(peerLines.get(0))));
            peerLines.subList(1, peerLines.size()).forEach(l -> env.out().println(Printable.of(l)));
        }
        StringBuilder summary = new StringBuilder();
        summary.append(deckies.size()).append(deckies.size() == 1 ? " decky" : " deckies").append(" of host ")
                .append(Printable.of(s.hostUuid()));
        if (peers > 0) {
            summary.append("; ").append(peerRowCount).append(peerRowCount == 1 ? " row" : " rows").append(" of ")
                    .append(peers).append(peers == 1 ? " other host" : " other hosts")
                    .append(allHosts ? "" : " not shown (--all-hosts shows them)");
        }
        summary.append('.');
        env.out().println(summary);
        env.out().println("state file " + Printable.of(s.stateFile().toString()) + ": "
                + Printable.of(state.summary()) + "; database " + s.maskedDbUrl() + ": "
                + (dbError == null ? "read" : "unreadable") + "; docker " + Printable.of(Redaction.mask(
                s.dockerHost())) + ": " + (dockerRead ? "read" : Printable.of(ReportText.summary(
                SourceStatus.of(docker)))));
    }

    private static String paint(Colour colour, String line, String state) {
        return switch (state) {
            case "running" -> colour.green(line);
            case "failed", "teardown_failed", "torn_down" -> colour.red(line);
            case "degraded", "pending", "tearing_down", "(no row)" -> colour.yellow(line);
            default -> line;
        };
    }

    /** The cells padded to their column's width, two spaces apart, trailing spaces trimmed. */
    private static List<String> render(List<String[]> table) {
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], Printable.of(row[i]).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = Printable.of(row[i]);
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private String json(List<Decky> deckies, SourceStatus state, RuntimeObservation docker, String dbError,
            int peers, int peerRowCount, Map<String, List<FleetRow>> peerRows, int code) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", ReportJson.FORMAT_VERSION);
        root.put("host_uuid", s.hostUuid());
        root.putObject("state_file").put("path", s.stateFile().toString()).put("usable", state.usable())
                .put("availability", state.availability().name().toLowerCase(java.util.Locale.ROOT))
                .put("summary", state.summary());
        SourceStatus dockerStatus = SourceStatus.of(docker);
        root.putObject("docker").put("host", Redaction.mask(s.dockerHost())).put("usable", dockerStatus.usable())
                .put("summary", dockerStatus.summary());
        root.putObject("database").put("url", s.maskedDbUrl()).put("usable", dbError == null)
                .put("summary", dbError == null ? "read" : dbError);
        ArrayNode list = root.putArray("deckies");
        boolean dockerRead = docker instanceof RuntimeObservation.Observed;
        for (Decky d : deckies) {
            ObjectNode n = list.addObject();
            n.put("name", d.name());
            n.put("in_state_file", d.spec() != null);
            n.put("ip", d.spec() != null ? d.spec().ip() : d.row().deckyIp());
            ArrayNode services = n.putArray("services");
            (d.spec() != null ? d.spec().services() : d.row().services()).forEach(services::add);
            if (d.row() != null) {
                n.putObject("row").put("state", d.row().state().value())
                        .put("updated_at", d.row().findUpdatedAt().map(Instant::toString).orElse(null));
            } else {
                n.putNull("row");
            }
            if (dockerRead) {
                ObjectNode c = n.putObject("containers");
                c.put("expected", d.containers().size());
                c.put("running", d.running());
                ArrayNode notRunning = c.putArray("not_running");
                d.containers().forEach((name, status) -> {
                    if (status == null || !status.isRunning()) {
                        notRunning.addObject().put("name", name).put("status", status == null ? "missing"
                                : status.value());
                    }
                });
            } else {
                n.putNull("containers");
            }
        }
        root.putObject("other_hosts").put("hosts", peers).put("rows", peerRowCount);
        if (allHosts) {
            ArrayNode other = root.putArray("other_host_rows");
            peerRows.forEach((host, rows) -> rows.forEach(r -> other.addObject().put("host_uuid", host)
                    .put("name", r.name()).put("state", r.state().value())
                    .put("updated_at", r.findUpdatedAt().map(Instant::toString).orElse(null))));
        }
        if (code != OnceRun.OK) {
            root.putObject("error").put("code", dbError != null ? "database_failed" : "state_file_unreadable")
                    .put("message", dbError != null ? dbError : state.summary()).put("exit_code", code);
        } else {
            root.putNull("error");
        }
        root.put("exit_code", code);
        try {
            return Printable.json(JSON.writeValueAsString(ReportJson.scrubbed(root, s.dbUrl())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the status as JSON", e);
        }
    }
}
