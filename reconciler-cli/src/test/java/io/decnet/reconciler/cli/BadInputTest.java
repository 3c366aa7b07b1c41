package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each user mistake gets one line on stderr naming the problem and the flag that fixes it, exit code 1, no stack
 * trace, and no write.
 */
class BadInputTest {
    @TempDir
    Path dir;
    private Path db;
    private Path state;
    private String noDocker;

    @BeforeEach
    void files() {
        db = dir.resolve("decnet.db");
        state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh");
        noDocker = "unix://" + dir.resolve("no-docker.sock");
    }

    private Cli.Result reconcile(String... args) {
        List<String> all = new ArrayList<>(List.of("reconcile"));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private static void assertOneErrorLine(Cli.Result r, String... mentions) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        List<String> errors = r.errLines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(r.toString()).hasSize(1);
        assertThat(errors.get(0)).contains(mentions);
        assertThat(r.err()).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void aDockerHostGivenOnTheCommandLineThatDoesNotAnswerIsAWarningOfACompletedPass() {
        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
                "--docker-host", noDocker);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("warning: Docker unusable").contains(noDocker, "--docker-host");
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=1 deleted=0 state_updated=0");
        assertThat(FleetTable.states(db, "local")).containsEntry("decky-01", "running");
    }

    @Test
    void withRequireDockerADockerHostThatDoesNotAnswerFailsTheRunAfterThePass() {
        Cli.Result r = reconcile("--once", "--require-docker", "--state", state.toString(),
                "--db", "jdbc:sqlite:" + db, "--docker-host", noDocker);

        assertOneErrorLine(r, "Docker unusable", noDocker, "--docker-host");
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=1 deleted=0 state_updated=0");
    }

    @Test
    void verboseStackTracesDoNotShowAPasswordTheDriverQuotesBare() {
        // MariaDB's driver reads "hunter2@127.0.0.1" as the port and quotes it in its exceptions.
        String url = "jdbc:mariadb://decnet:hunter2@127.0.0.1:5998/decnet";

        Cli.Result r = reconcile("--once", "--verbose", "--state", state.toString(), "--db", url);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("***").doesNotContain("hunter2");
    }

    @Test
    void aPasswordWithSeparatorsOrAnSslPasswordIsMaskedInTheJsonReport() {
        String url = "jdbc:postgresql://127.0.0.1:1/decnet?user=decnet&sslpassword=hunter2&password=sec,ret'99";

        Cli.Result r = reconcile("--once", "--json", "--state", state.toString(), "--db", url);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("hunter2", "ret'99", "sec,");
    }

    @Test
    void withJsonAMissingDirectoryStillPrintsOneJsonObjectNamingTheError() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("decnet-state.json");

        Cli.Result r = reconcile("--once", "--json", "--state", missing.toString(), "--db", "jdbc:sqlite:" + db);

        assertThat(r.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper()
                .readTree(r.out());
        assertThat(json.at("/error/message").asText()).contains(missing.toString(), "does not exist");
        assertThat(json.at("/error/code").asText()).isEqualTo("state_file_directory_missing");
        assertThat(json.get("exit_code").asInt()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: ");
    }

    @Test
    void withJsonAnAbsentStateFileIsUsableAndSaysAbsentAndDockerUnreachableSaysUnusable() throws Exception {
        Path absent = dir.resolve("torn-down-state.json");

        Cli.Result r = reconcile("--once", "--json", "--state", absent.toString(), "--db", "jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/state_file/availability").asText()).isEqualTo("absent");
        assertThat(json.at("/state_file/usable").asBoolean()).isTrue();
        assertThat(json.at("/docker/availability").asText()).isEqualTo("unusable");
    }

    @Test
    void theDefaultDockerSocketMissingIsOnlyAWarning() {
        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.errLines()).singleElement().asString().startsWith("warning: Docker unusable");
    }

    @Test
    void aStateFileInADirectoryThatDoesNotExistIsRefusedAndNothingIsWritten() {
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Path missing = dir.resolve("no-such-dir").resolve("decnet-state.json");

        Cli.Result r = reconcile("--once", "--state", missing.toString(), "--db", "jdbc:sqlite:" + db);

        assertOneErrorLine(r, missing.toString(), "nor does its directory", "nothing was changed", "--state");
        assertThat(r.out()).isEmpty();
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01");
    }

    @Test
    void aMissingStateFileIsAnEmptyFleetByDefaultThisHostsRowsGoWithOneWarning() {
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        reconcile("--once", "--host-uuid", "peer", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Path gone = dir.resolve("torn-down.json");

        Cli.Result r = reconcile("--once", "--state", gone.toString(), "--db", "jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
        assertThat(r.errLines().stream().filter(l -> l.startsWith("warning: state file"))).singleElement()
                .asString().contains(gone.toString(), "does not exist", "empty fleet", "1 row of host local deleted");
        assertThat(FleetTable.states(db, "local")).isEmpty();
        assertThat(FleetTable.states(db, "peer")).containsOnlyKeys("decky-01");
    }

    @Test
    void allowAbsentStateIsAcceptedAndChangesNothing() {
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Path gone = dir.resolve("torn-down.json");

        Cli.Result r = reconcile("--once", "--allow-absent-state", "--state", gone.toString(),
                "--db", "jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
    }

    @Test
    void theOptInGuardHoldsBackTheDeletesOfAVanishedFileAndFailsTheRun() {
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Path gone = dir.resolve("torn-down.json");

        Cli.Result r = reconcile("--once", "--refuse-delete-all", "--state", gone.toString(),
                "--db", "jdbc:sqlite:" + db);

        assertOneErrorLine(r, "1 delete was held back by --refuse-delete-all");
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01");
    }

    @Test
    void aMaxDeletesGuardLetsSmallTeardownsThrough() throws IOException {
        StateFiles.write(state, "decky-01:ssh", "decky-02:ssh", "decky-03:ssh");
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        StateFiles.write(state, "decky-01:ssh", "decky-02:ssh");

        Cli.Result small = reconcile("--once", "--max-deletes", "1", "--state", state.toString(),
                "--db", "jdbc:sqlite:" + db);
        StateFiles.write(state, "decky-01:ssh");
        Cli.Result allowed = reconcile("--once", "--max-deletes", "0", "--state", state.toString(),
                "--db", "jdbc:sqlite:" + db);

        assertThat(small.code()).as(small.toString()).isZero();
        assertThat(small.outLines().get(0)).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
        assertOneErrorLine(allowed, "held back by --max-deletes 0");
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02");
        assertOneErrorLine(reconcile("--once", "--max-deletes", "-1", "--state", state.toString()),
                "--max-deletes must be 0 or more");
    }

    @Test
    void aCorruptStateFileChangesNothingAndIsReportedNamingTheFile() throws IOException {
        reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);
        Files.writeString(state, "{\"config\": {\"deckies\": [{\"name\": \"decky-01\", \"ip\"");

        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db);

        assertOneErrorLine(r, "state file unusable, nothing was changed", state.toString(), "--state");
        assertThat(r.out()).as("no counts line for a pass that did not run").isEmpty();
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01");
    }

    @Test
    void anUnknownJdbcSchemeIsRefusedListingTheSupportedOnes() {
        Cli.Result r = reconcile("--once", "--state", state.toString(),
                "--db", "jdbc:oracle:thin:scott/tiger@db:1521:orcl");
        assertOneErrorLine(r, "unsupported database URL", "--db", "DECNET_DB_URL", "jdbc:sqlite:",
                "jdbc:postgresql:");
        assertThat(r.errLines()).contains("error: unsupported database URL "
                + "'jdbc:oracle:thin:scott/***@db:1521:orcl' (from --db or DECNET_DB_URL): use jdbc:sqlite:FILE, "
                + "jdbc:postgresql://HOST/DB, jdbc:mariadb://HOST/DB or jdbc:mysql://HOST/DB");
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingTheFlagAndThePasswordIsMasked() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/decnet?user=decnet&password=hunter2secret"
                + "&connectTimeout=2";
        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", url);

        assertOneErrorLine(r, "--db", "DECNET_DB_URL");
        assertThat(r.out() + r.err()).doesNotContain("hunter2secret").contains("password=***");
    }

    @Test
    void aSqliteFileInADirectoryThatDoesNotExistIsOneLineNamingTheFlag() {
        Cli.Result r = reconcile("--once", "--state", state.toString(),
                "--db", "jdbc:sqlite:" + dir.resolve("no-such-dir").resolve("decnet.db"));
        assertOneErrorLine(r, "--db");
    }

    @Test
    void aMalformedDockerHostIsRefusedNamingTheFlag() {
        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
                "--docker-host", "ftp://docker.example:21");
        assertOneErrorLine(r, "ftp://docker.example:21", "--docker-host", "DOCKER_HOST");
        assertThat(db).doesNotExist();
    }

    @Test
    void flagsThatContradictEachOtherAreRefused() {
        assertOneErrorLine(reconcile("--once", "--interval", "10", "--state", state.toString()),
                "--interval is for the long-lived mode");
        assertOneErrorLine(reconcile("--dry-run", "--health-port", "9464", "--state", state.toString()),
                "--health-port is for the long-lived mode");
        assertOneErrorLine(reconcile("--interval", "0", "--state", state.toString()),
                "--interval must be between 1 and 86400 seconds, was 0");
        assertOneErrorLine(reconcile("--once", "--host-uuid", " ", "--state", state.toString()),
                "--host-uuid must not be blank");
        assertOneErrorLine(reconcile("--once", "--host-uuid", "peer ", "--state", state.toString()),
                "--host-uuid \"peer \" has white space around it");
        assertOneErrorLine(reconcile("--once", "--host-uuid", "a\nb", "--state", state.toString()),
                "--host-uuid \"a\\nb\" has white space around it or a control character");
        assertOneErrorLine(reconcile("--once", "--db", "", "--state", state.toString()),
                "--db was given an empty value");
        assertOneErrorLine(reconcile("--json", "--events", "-", "--state", state.toString()),
                "--events - would mix");
    }

    @Test
    void anUnknownOrMalformedFlagExitsOneNotTheDriftCodeAndPointsToHelp() {
        assertOneErrorLine(reconcile("--dry-rnu"), "--dry-rnu", "--help");
        assertOneErrorLine(reconcile("--interval", "often"), "--interval", "often");
    }

    @Test
    void noCommandPrintsUsageAndExitsOne() {
        Cli.Result r = Cli.run(Map.of());
        assertOneErrorLine(r, "name a command");
        assertThat(r.err()).contains("reconcile");
    }

    @Test
    void anEventsFileThatCannotBeOpenedIsRefusedNamingTheFlag() {
        Cli.Result r = reconcile("--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db, "--events", dir.resolve("no-such-dir").resolve("e.jsonl").toString());
        assertOneErrorLine(r, "--events");
    }
}
