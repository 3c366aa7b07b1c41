package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.testkit.junit.ExternalService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code fleet-reconciler.jar} as a process, against the real Docker engine of
 * {@code scripts/services/docker.sh} and a SQLite file: what an operator runs.
 */
class ReconcileCommandIT {
    private static final String HOW_TO_START =
            "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String dockerHost;
    private static Containers containers;
    private static String run;

    @TempDir
    Path dir;
    private Path db;
    private Path state;

    @BeforeAll
    static void engine() {
        dockerHost = ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", HOW_TO_START);
        String image = ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", HOW_TO_START);
        containers = new Containers(dockerHost, image);
        run = "cli" + UUID.randomUUID().toString().substring(0, 6);
        // decky a: both containers run -> running; b: its one container exited -> failed;
        // c: one of two runs -> degraded; d: no container -> torn_down.
        containers.running(run + "-a-ssh");
        containers.running(run + "-a-smtp-relay");
        containers.exited(run + "-b-http");
        containers.running(run + "-c-ssh");
        containers.exited(run + "-c-http");
    }

    @AfterAll
    static void cleanUp() {
        if (containers != null) {
            containers.close();
        }
    }

    @BeforeEach
    void files() {
        db = dir.resolve("decnet.db");
        state = StateFiles.write(dir.resolve("decnet-state.json"),
                run + "-a:ssh,smtp_relay", run + "-b:http", run + "-c:ssh,http", run + "-d:ssh");
    }

    private Cli.Result cli(String... args) throws IOException, InterruptedException {
        return CliProcess.run(dir, Map.of("DOCKER_HOST", dockerHost, "DECNET_DB_URL", "jdbc:sqlite:" + db,
                "DECNET_STATE_FILE", state.toString()), args);
    }

    private Map<String, String> expectedStates() {
        return Map.of(run + "-a", "running", run + "-b", "failed", run + "-c", "degraded", run + "-d", "torn_down");
    }

    @Test
    void onceSetsEachRowsStateFromItsRealContainersAndSaysDockerWasUsable() throws Exception {
        Cli.Result r = cli("reconcile", "--once");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=4 deleted=0 state_updated=0");
        assertThat(r.outLines().get(1)).contains("state_file=usable (present, 4 deckies)", "docker=usable (observed");
        assertThat(r.err()).isEmpty();
        assertThat(FleetTable.states(db, "local")).containsExactlyInAnyOrderEntriesOf(expectedStates());
    }

    @Test
    void aContainerThatDiesIsSeenByTheNextPassAsAStateUpdate() throws Exception {
        String decky = run + "-e";
        containers.running(decky + "-ssh");
        StateFiles.write(state, decky + ":ssh");
        assertThat(cli("reconcile", "--once").code()).isZero();
        assertThat(FleetTable.states(db, "local")).containsEntry(decky, "running");

        containers.kill(decky + "-ssh");
        Cli.Result r = cli("reconcile", "--once");

        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=1");
        assertThat(FleetTable.states(db, "local")).containsEntry(decky, "failed");
    }

    @Test
    void dryRunExitsTwoWhileThereIsDriftAndZeroOnceConverged() throws Exception {
        Cli.Result drift = cli("reconcile", "--dry-run");
        assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
        assertThat(FleetTable.states(db, "local")).isEmpty();

        assertThat(cli("reconcile", "--once").code()).isZero();

        Cli.Result converged = cli("reconcile", "--dry-run");
        assertThat(converged.code()).as(converged.toString()).isZero();
        assertThat(converged.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        assertThat(converged.outLines()).contains("Plan: 0 to insert, 0 to update, 0 to delete, 0 states to change.",
                "No changes: this host's rows agree with the state file and Docker.");
    }

    @Test
    void planShowsTheRealContainersStatesAndStatusWhichContainersDoNotRun() throws Exception {
        Cli.Result plan = cli("plan");
        assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.outLines()).anySatisfy(l -> assertThat(l).startsWith("  + " + run + "-c  state degraded"))
                .contains("Plan: 4 to insert, 0 to update, 0 to delete, 0 states to change.");
        assertThat(cli("reconcile", "--once").code()).isZero();

        Cli.Result status = cli("status");

        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.outLines()).anySatisfy(l -> assertThat(l).startsWith(run + "-a ").contains("running",
                        "2/2 running"))
                .anySatisfy(l -> assertThat(l).startsWith(run + "-c ").contains("degraded", "1/2 running (" + run
                        + "-c-http exited)"))
                .anySatisfy(l -> assertThat(l).startsWith(run + "-d ").contains("0/1 running (" + run
                        + "-d-ssh missing)"));
        JsonNode json = JSON.readTree(cli("status", "--json").out());
        assertThat(json.at("/deckies/0/containers/running").asInt()).isEqualTo(2);
    }

    @Test
    void withJsonTheRealProcessPrintsOneDocumentOnEveryErrorPath() throws Exception {
        for (List<String> args : List.of(
                List.of("reconcile", "--json", "--dryrun"),
                List.of("reconcile", "--json", "--once", "--pass-timeout", "abc"),
                List.of("plan", "--json", "--db", "jdbc:sqlite:/nonexistent/dir/decnet.db"),
                List.of("reconcile", "--once", "--json", "--db",
                        "jdbc:postgresql://127.0.0.1:1/decnet?user=decnet&password=hun,ter\"2\n"),
                List.of("status", "--json", "--state", dir.resolve("no/such/dir/x.json").toString()))) {
            Cli.Result r = cli(args.toArray(String[]::new));

            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.outLines()).as(r.toString()).hasSize(1);
            JsonNode json = JSON.readTree(r.out());
            assertThat(json.get("format_version").asInt()).isEqualTo(1);
            assertThat(json.at("/error/code").asText()).as(r.toString()).isNotBlank();
            assertThat(json.at("/error/exit_code").asInt()).isEqualTo(1);
            assertThat(r.out() + r.err()).doesNotContain("hun,ter");
        }
    }

    @Test
    void jsonIsOneParsableObjectWithEachChangeAndItsState() throws Exception {
        Cli.Result r = cli("reconcile", "--once", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("inserted").asInt()).isEqualTo(4);
        assertThat(json.get("docker").get("usable").asBoolean()).isTrue();
        assertThat(json.get("docker").get("host").asText()).isEqualTo(dockerHost);
        assertThat(json.get("changes")).hasSize(4);
        for (JsonNode change : json.get("changes")) {
            assertThat(change.get("state").asText()).isEqualTo(expectedStates().get(change.get("name").asText()));
            assertThat(change.get("status").asText()).isEqualTo("applied");
        }
        assertThat(json.get("timings_ms").get("runtime_observe").asDouble()).isPositive();
    }

    @Test
    void sigtermStopsTheLongLivedModeWithExitZeroAndTheTableConsistent() throws Exception {
        Path events = dir.resolve("events.jsonl");
        CliProcess worker = CliProcess.start(dir, Map.of("DOCKER_HOST", dockerHost), "reconcile",
                "--interval", "1", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
                "--events", events.toString());
        awaitStderr(worker, "reconcile: inserted=4");

        worker.terminate();
        Cli.Result r = worker.await(60);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("stop requested", "stopped").doesNotContain("\tat ");
        assertThat(FleetTable.states(db, "local")).containsExactlyInAnyOrderEntriesOf(expectedStates());
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l).contains("\"transition\":\"inserted\""));
    }

    @Test
    void sigtermWhileTheLongLivedModeIsStillStartingIsACleanStopWithExitZero() throws Exception {
        CliProcess worker = CliProcess.start(dir, Map.of("DOCKER_HOST", dockerHost), "reconcile",
                "--interval", "1", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        // Past the JVM's own start (before main, only the JVM can answer a signal: 143), well before the first
        // pass of a cold start (the JDBC driver and the Docker client load for about a second).
        Thread.sleep(800);

        worker.terminate();
        Cli.Result r = worker.await(60);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void aOneShotRunStoppedBySigtermDoesNotClaimSuccess() throws Exception {
        CliProcess once = CliProcess.start(dir, Map.of("DOCKER_HOST", dockerHost), "reconcile", "--once",
                "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Thread.sleep(800);

        once.terminate();
        Cli.Result r = once.await(60);

        assertThat(r.code()).as(r.toString()).isIn(0, 143); // 0 only if the pass had already completed
        if (r.code() == 0) {
            assertThat(r.outLines().get(0)).startsWith("reconcile: inserted=");
        }
    }

    @Test
    void badInputInTheRealProcessIsOneLineOnStderrAndExitOne() throws Exception {
        Cli.Result missing = cli("reconcile", "--once", "--state",
                dir.resolve("no-such-dir").resolve("decnet-state.json").toString());
        assertThat(missing.code()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().startsWith("error: state file")
                .contains("nor does its directory", "--state");
        assertThat(missing.out()).isEmpty();

        Cli.Result scheme = cli("reconcile", "--once", "--db", "jdbc:h2:mem:x");
        assertThat(scheme.code()).isEqualTo(1);
        assertThat(scheme.errLines()).singleElement().asString().contains("unsupported database URL", "--db");

        Cli.Result docker = cli("reconcile", "--once", "--docker-host", "ftp://nowhere");
        assertThat(docker.code()).isEqualTo(1);
        assertThat(docker.errLines()).singleElement().asString().contains("--docker-host");
    }

    private static void awaitStderr(CliProcess p, String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (p.stderrSoFar().contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("fleet-reconciler ended early:\n" + p.await(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' on stderr within 60 s:\n" + p.stderrSoFar());
    }
}
