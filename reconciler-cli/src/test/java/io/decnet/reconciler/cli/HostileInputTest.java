package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values an attacker or a typo controls never forge a line, leak a secret or get a wrong explanation. */
class HostileInputTest {
    @TempDir
    Path dir;

    private Path stateWithName(String jsonEscapedName) {
        return StateFiles.withDeckyNamed(dir.resolve("decnet-state.json"), jsonEscapedName);
    }

    @Test
    void aDeckyNameWithANewlineCannotForgeACountsLineNorHideBehindBidiOverrides() throws Exception {
        Path state = stateWithName("evil\\nreconcile: inserted=9 deleted=9 state_updated=9\\u202e\\u0000");

        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--state", state.toString(), "--db",
                "jdbc:sqlite:" + dir.resolve("decnet.db"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("\nreconcile: inserted=9").doesNotContain("\u202e")
                .doesNotContain("\u0000").contains("evil\\nreconcile: inserted=9", "\\u202e");
        assertThat(r.errLines()).singleElement().asString().startsWith("error: state file unusable");
    }

    @Test
    void anOracleStylePasswordIsMaskedAndTheQuoteAfterItKept() {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--db", "jdbc:oracle:thin:u/secret123@db:1521:x");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("secret123").contains("'jdbc:oracle:thin:u/***@db:1521:x' (from --db");
    }

    @Test
    void aPortThatIsNoPortIsNamedAsSuchNotAsAMissingDriver() {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--db", "jdbc:postgresql://127.0.0.1:99999/x");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("port '99999', which is not a TCP port").doesNotContain("JDBC driver")
                .doesNotContain("WARNING");
    }

    @Test
    void withJsonAFailedDatabaseWithAPasswordStillPrintsOneValidObjectWithoutThePassword() throws Exception {
        Path state = stateWithName("decky-01");

        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state.toString(),
                "--db", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hun,ter\"2");

        assertThat(r.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(r.out()).doesNotContain("hun,ter").doesNotContain("ter\\\"2");
        assertThat(json.get("database").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***");
        assertThat(json.has("changes")).isTrue();
        assertThat(json.has("skips")).isTrue();
        assertThat(json.at("/failure/kind").asText()).isEqualTo("store");
    }

    @Test
    void aHostileRowNameInTheTableReachesNoOutputRawAndJsonStillCarriesItExactly() throws Exception {
        Path state = stateWithName("web-01");
        Path db = dir.resolve("decnet.db");
        Path events = dir.resolve("events.jsonl");
        assertThat(Cli.run(Map.of(), "reconcile", "--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db)
                .code()).isZero();
        String evil = "evil\nreconcile: inserted=9 deleted=9 state_updated=9\u202e\u2028";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO fleet_deckies (host_uuid, name, "
                     + "services, state, updated_at) VALUES ('local', ?, '[\"ssh\"]', ?, '2026-01-01 00:00:00.000000')")) {
            insert.setString(1, evil);
            insert.setString(2, "run\nning\u202e");
            insert.executeUpdate();
        }

        Cli.Result dryRun = Cli.run(Map.of(), "reconcile", "--dry-run", "--state", state.toString(), "--db",
                "jdbc:sqlite:" + db);
        Cli.Result json = Cli.run(Map.of(), "reconcile", "--dry-run", "--json", "--state", state.toString(), "--db",
                "jdbc:sqlite:" + db);
        Cli.Result once = Cli.run(Map.of(), "reconcile", "--once", "--state", state.toString(), "--db",
                "jdbc:sqlite:" + db, "--events", events.toString());

        for (String output : List.of(dryRun.out(), dryRun.err(), json.out(), json.err(), once.out(), once.err(),
                Files.readString(events))) {
            assertThat(output).doesNotContain("\u202e", "\u2028", "\nreconcile: inserted=9", "n\nning");
        }
        assertThat(dryRun.out()).contains("evil\\nreconcile: inserted=9");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.at("/changes/0/name").asText()).isEqualTo(evil);
        JsonNode event = new ObjectMapper().readTree(Files.readAllLines(events).get(0));
        assertThat(event.at("/payload/name").asText()).isEqualTo(evil);
        assertThat(once.out()).startsWith("reconcile: inserted=0 deleted=1 state_updated=0");
    }
}
