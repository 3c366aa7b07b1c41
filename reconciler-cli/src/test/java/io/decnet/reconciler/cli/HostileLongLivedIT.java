package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-lived command's outputs (its log on stderr, {@code /healthz}, {@code /metrics}, the events file) with
 * hostile values from each input a pass reads: a decky name in the state file and a row name and state in the
 * table that carry a newline that would forge a counts line, bidi overrides, a line separator and a NUL. No output
 * holds them raw; JSON outputs still parse.
 */
class HostileLongLivedIT {
    private static final String FORGED = "\nreconcile: inserted=9 deleted=9 state_updated=9";
    private static final List<String> RAW = List.of(FORGED, "\u202e", "\u2028", "\u0000", "n\nning");

    @TempDir
    Path dir;

    @Test
    void hostileNamesFromTheStateFileAndTheTableReachNoOutputRaw() throws Exception {
        Path db = dir.resolve("decnet.db");
        Path events = dir.resolve("events.jsonl");
        Path state = StateFiles.withDeckyNamed(dir.resolve("decnet-state.json"), "web-01");
        assertThat(Cli.run(Map.of(), "reconcile", "--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db)
                .code()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement insert = c.prepareStatement("INSERT INTO fleet_deckies (host_uuid, name, services, "
                        + "state, updated_at) VALUES ('local', ?, '[\"ssh\"]', ?, '2026-01-01 00:00:00.000000')")) {
            insert.setString(1, "evil" + FORGED + "\u202e\u2028");
            insert.setString(2, "run\nning\u202e");
            insert.executeUpdate();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliProcess worker = CliProcess.start(dir, Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock")),
                "reconcile", "--interval", "1", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
                "--health-port", Integer.toString(port), "--events", events.toString());
        try {
            worker.awaitUntil("the hostile row deleted", 30,
                    () -> Files.exists(events) && Files.readString(events).contains("deleted"));
            String healthAfterDelete = CliProcess.httpGet(port, "/healthz");

            // Now a state file whose decky name is hostile: the pass refuses the file and says why.
            StateFiles.withDeckyNamed(state, "evil\\nreconcile: inserted=9 deleted=9 state_updated=9\\u202e\\u2028"
                    + "\\u0000");
            worker.awaitUntil("the refusal logged", 30, () -> worker.stderrSoFar().contains("state file"));
            Thread.sleep(1_500); // a pass or two more: their outcome is in /healthz
            String healthAfterRefusal = CliProcess.httpGet(port, "/healthz");
            String metrics = CliProcess.httpGet(port, "/metrics");

            for (String output : List.of(worker.stderrSoFar(), healthAfterDelete, healthAfterRefusal, metrics,
                    Files.readString(events))) {
                assertThat(output).doesNotContain(RAW.toArray(String[]::new));
            }
            assertThat(worker.stderrSoFar()).contains("evil\\nreconcile: inserted=9");
            assertThat(worker.stderrSoFar()).as("the odd row named once, escaped")
                    .containsOnlyOnce("odd row of this host").contains("run\\nning\\u202e");
            new ObjectMapper().readTree(healthAfterDelete);
            JsonNode health = new ObjectMapper().readTree(healthAfterRefusal);
            assertThat(health.get("status").asText()).isNotBlank();
            for (String line : Files.readAllLines(events)) {
                new ObjectMapper().readTree(line);
            }
        } finally {
            worker.terminate();
            assertThat(worker.await(60).code()).isZero();
        }
    }
}
