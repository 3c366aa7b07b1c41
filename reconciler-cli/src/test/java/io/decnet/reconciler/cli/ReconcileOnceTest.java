package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile --once}, {@code --dry-run} and {@code --json} in-process against a real SQLite file, with Docker
 * unreachable (a socket that does not exist): the path {@code scripts/run-main.sh} takes on a machine without
 * Docker. The same against a real engine is {@code ReconcileCommandIT}.
 */
class ReconcileOnceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path db;
    private Path state;
    private String noDocker;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() {
        db = dir.resolve("decnet.db");
        state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh,smtp_relay", "decky-02:http");
        noDocker = "unix://" + dir.resolve("no-docker.sock");
    }

    private Cli.Result reconcile(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("reconcile", "--state", state.toString(),
                "--db", "jdbc:sqlite:" + db));
        args.addAll(List.of(extra));
        return Cli.run(env, args.toArray(String[]::new));
    }

    @Test
    void oncePrintsDecnetsCountsLineThenTheDetailsLineAndWritesTheRows() {
        Cli.Result r = reconcile("--once");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(r.outLines().get(1))
                .startsWith("config_updated=0 conflicts=0 skipped=1 (runtime_unreachable=1)")
                .contains("state_file=usable (present, 2 deckies)")
                .contains("docker=unusable (docker daemon at unix://").contains("unreachable");
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("warning: Docker unusable, row states were left as they are")
                .endsWith("(check --docker-host or DOCKER_HOST)");
        assertThat(FleetTable.states(db, "local")).containsExactly(
                Map.entry("decky-01", "running"), Map.entry("decky-02", "running"));
    }

    @Test
    void aSecondPassOverAConvergedTableChangesNothing() {
        reconcile("--once");
        Cli.Result again = reconcile("--once");
        assertThat(again.code()).isZero();
        assertThat(again.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
    }

    @Test
    void aDeckyRemovedFromTheStateFileIsDeletedAndOnlyThisHostsRowsAreTouched() {
        reconcile("--once", "--host-uuid", "host-b");
        reconcile("--once");
        StateFiles.write(state, "decky-01:ssh,smtp_relay");

        Cli.Result r = reconcile("--once");

        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01");
        assertThat(FleetTable.states(db, "host-b")).containsOnlyKeys("decky-01", "decky-02");
    }

    @Test
    void dryRunExitsTwoOnDriftWritesNothingAndListsThePlannedChanges() {
        Cli.Result r = reconcile("--dry-run");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(r.outLines().get(1)).startsWith("dry run, nothing written: config_updated=0");
        assertThat(r.outLines().subList(2, r.outLines().size()))
                .anySatisfy(l -> assertThat(l).startsWith("  + decky-01  state running, services [\"ssh\","))
                .anySatisfy(l -> assertThat(l).startsWith("  + decky-02"))
                .contains("Plan: 2 to insert, 0 to update, 0 to delete, 0 states to change.");
        assertThat(FleetTable.states(db, "local")).isEmpty();
    }

    @Test
    void aDryRunThatCouldNotReadDockerDoesNotClaimConvergenceAndExitsOne() {
        reconcile("--once");
        Cli.Result r = reconcile("--dry-run");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        assertThat(r.out()).doesNotContain("No changes").contains("row states were not checked; the table is not "
                + "known to agree");
        assertThat(r.errLines()).singleElement().asString().startsWith("error: Docker unusable, row states were "
                + "not checked");
    }

    @Test
    void jsonPrintsOneObjectWithCountsChangesSkipsSourcesAndTimings() throws IOException {
        Cli.Result r = reconcile("--once", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(1);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("host_uuid").asText()).isEqualTo("local");
        assertThat(json.get("dry_run").asBoolean()).isFalse();
        assertThat(json.get("inserted").asInt()).isEqualTo(2);
        assertThat(json.get("deleted").asInt()).isZero();
        assertThat(json.get("state_updated").asInt()).isZero();
        assertThat(json.get("changes")).hasSize(2);
        assertThat(json.get("changes").get(0).get("kind").asText()).isEqualTo("insert");
        assertThat(json.get("changes").get(0).get("status").asText()).isEqualTo("applied");
        assertThat(json.get("skips").get(0).get("reason").asText()).isEqualTo("runtime_unreachable");
        assertThat(json.get("state_file").get("usable").asBoolean()).isTrue();
        assertThat(json.get("docker").get("usable").asBoolean()).isFalse();
        assertThat(json.get("failure").isNull()).isTrue();
        assertThat(json.get("timings_ms").get("total").asDouble()).isPositive();
        assertThat(json.get("exit_code").asInt()).isZero();
    }

    @Test
    void jsonWithDryRunReportsPlannedChangesAndTheDriftExitCode() throws IOException {
        Cli.Result r = reconcile("--dry-run", "--json");
        assertThat(r.code()).isEqualTo(2);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("dry_run").asBoolean()).isTrue();
        assertThat(json.get("changes").get(0).get("status").asText()).isEqualTo("planned");
        assertThat(json.get("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void eventsAreWrittenAsBusShapedJsonLinesAfterTheCommit() throws IOException {
        Path events = dir.resolve("events.jsonl");
        reconcile("--once", "--events", events.toString());

        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("topic").asText()).isEqualTo("decky.local:decky-01.state");
        assertThat(first.get("payload").get("transition").asText()).isEqualTo("inserted");
        assertThat(first.get("payload").get("source").asText()).isEqualTo("fleet");
    }

    @Test
    void theStateFileAndDatabaseComeFromTheEnvironmentWhenNoFlagIsGiven() {
        env.put("DECNET_STATE_FILE", state.toString());
        env.put("DECNET_DB_URL", "jdbc:sqlite:" + db);

        Cli.Result r = Cli.run(env, "reconcile", "--once");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(FleetTable.states(db, "local")).hasSize(2);
    }

    @Test
    void aDockerHostNamedInTheEnvironmentThatDoesNotAnswerIsAWarningOfACompletedPass() {
        env.put("DOCKER_HOST", noDocker);

        Cli.Result r = reconcile("--once");

        assertThat(r.code()).as("DECNET exits 0: an unreachable Docker is a skipped observation").isZero();
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("warning: Docker unusable, row states were left as they are")
                .contains(noDocker).endsWith("(check --docker-host or DOCKER_HOST)");
        assertThat(FleetTable.states(db, "local")).as("the pass itself ran").hasSize(2);
    }

    @Test
    void aFlagWinsOverItsEnvironmentVariable() {
        env.put("DECNET_STATE_FILE", dir.resolve("elsewhere.json").toString());
        Cli.Result r = reconcile("--once");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void oddRowsDoNotStopThePassTheyAreCountedNamedAndReconciled() throws IOException {
        reconcile("--once");
        FleetTable.execute(db, "UPDATE fleet_deckies SET state = '', services = 'not json' WHERE name = 'decky-01'");
        FleetTable.execute(db, "INSERT INTO fleet_deckies (host_uuid, name, services, state, updated_at) VALUES "
                + "('local', 'evil\nreconcile: inserted=9 deleted=9 state_updated=9', '[]', '   ', 'garbage')");

        Cli.Result r = reconcile("--once", "--verbose");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
        assertThat(r.outLines().get(1)).contains("config_updated=1", "odd_rows=2");
        assertThat(r.out().lines().filter(l -> l.startsWith("reconcile: "))).as("a name cannot forge the counts line")
                .hasSize(1);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l)
                .startsWith("warning: row decky-01 of host local is odd").contains("state is blank",
                        "services is not a JSON array of strings: 'not json'"));
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02")
                .containsEntry("decky-01", "");

        JsonNode json = JSON.readTree(reconcile("--once", "--json").out());
        assertThat(json.get("completed").asBoolean()).isTrue();
        assertThat(json.get("odd_rows")).singleElement().satisfies(odd -> {
            assertThat(odd.get("name").asText()).isEqualTo("decky-01");
            assertThat(odd.get("problems")).extracting(JsonNode::asText).containsExactly("state is blank");
        });
    }

    @Test
    void withJsonAPassThatCouldNotRunHasNoCountsOnlyTheReason() throws IOException {
        Files.writeString(state, "{\"config\": {\"deckies\": [");

        Cli.Result r = reconcile("--once", "--json");

        assertThat(r.code()).isEqualTo(1);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("completed").asBoolean()).isFalse();
        assertThat(json.get("inserted").isNull()).isTrue();
        assertThat(json.get("state_updated").isNull()).isTrue();
        assertThat(json.get("exit_code").asInt()).isEqualTo(1);
        assertThat(json.at("/state_file/usable").asBoolean()).isFalse();
    }
}
