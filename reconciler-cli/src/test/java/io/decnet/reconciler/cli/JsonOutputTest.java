package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --json} prints exactly one JSON document on stdout for every run of one pass, plan or status, whatever
 * went wrong, with {@code format_version}, an {@code error} object and no secret; alone it is a format for the
 * long-lived mode, not a mode of its own.
 */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path state() {
        return StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh", "decky-02:http,smtp_relay");
    }

    private String db() {
        return "jdbc:sqlite:" + dir.resolve("decnet.db");
    }

    /** The one JSON document on stdout; fails if there is anything else. */
    private static JsonNode oneDocument(Cli.Result r) throws Exception {
        assertThat(r.outLines()).as(r.toString()).hasSize(1);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("format_version").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(json.get("exit_code").asInt()).isEqualTo(r.code());
        return json;
    }

    private static void assertError(JsonNode json, String code, String... mentions) {
        assertThat(json.at("/error/code").asText()).as(json.toString()).isEqualTo(code);
        assertThat(json.at("/error/message").asText()).contains(mentions);
        assertThat(json.at("/error/exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void aMistypedFlagIsOneJsonDocumentAndStderrSuggestsTheRightOne() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--json", "--dryrun");

        assertThat(r.code()).isEqualTo(1);
        assertError(oneDocument(r), "unknown_option", "--dryrun");
        assertThat(r.err()).contains("Did you mean", "--dry-run");
    }

    @Test
    void aValueThatIsNoNumberIsOneJsonDocument() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--json", "--pass-timeout", "abc");

        assertThat(r.code()).isEqualTo(1);
        assertError(oneDocument(r), "invalid_value", "--pass-timeout", "abc");
    }

    @Test
    void aMissingValueIsOneJsonDocument() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state");

        assertError(oneDocument(r), "missing_value", "--state");
    }

    @Test
    void everyUsageErrorIsOneJsonDocumentWithItsCode() throws Exception {
        Path state = state();
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--pass-timeout", "0",
                "--state", state.toString())), "invalid_value", "--pass-timeout must be between 1 and 86400");
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--interval", "5")),
                "invalid_value", "--interval is for the long-lived mode");
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--db", "jdbc:oracle:x")),
                "invalid_value", "unsupported database URL");
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--state",
                dir.resolve("nope/decnet-state.json").toString(), "--db", db())),
                "state_file_directory_missing", "does not exist");
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state.toString(),
                "--docker-host", "ftp://nowhere")), "docker_unusable", "ftp://nowhere");
        Files.writeString(state, "{\"config\": {\"deckies\": [");
        assertError(oneDocument(Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state.toString(),
                "--db", db())), "state_file_unreadable", "state file unusable");
    }

    @Test
    void anSqliteDatabaseInADirectoryThatDoesNotExistSaysSo() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state().toString(), "--db",
                "jdbc:sqlite:/nonexistent/dir/decnet.db");

        assertError(oneDocument(r), "database_directory_missing", "the directory /nonexistent/dir of the SQLite "
                + "database jdbc:sqlite:/nonexistent/dir/decnet.db (from --db or DECNET_DB_URL) does not exist");
        assertThat(r.err()).doesNotContain("SQLITE_CANTOPEN");
    }

    @Test
    void aPasswordInTheDatabaseUrlIsMaskedValueByValueAndTheDocumentStaysValid() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state().toString(), "--db",
                "jdbc:postgresql://127.0.0.1:1/decnet?user=decnet&password=hunter2");

        JsonNode json = oneDocument(r);
        assertThat(r.out() + r.err()).doesNotContain("hunter2");
        assertThat(json.has("changes")).isTrue();
        assertThat(json.has("skips")).isTrue();
        assertThat(json.at("/error/code").asText()).isIn("database_failed", "database_unavailable");
    }

    @Test
    void aDryRunOnAFreshSqliteFileWithAPasswordParameterIsValidJson() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--dry-run", "--json", "--state", state().toString(),
                "--db", db() + "?password=abcd");

        JsonNode json = oneDocument(r);
        assertThat(r.out() + r.err()).doesNotContain("abcd");
        assertThat(json.get("changes")).hasSize(2);
        JsonNode insert = json.get("changes").get(1);
        assertThat(insert.get("reason_code").asText()).isEqualTo("missing_row");
        assertThat(insert.at("/before/services").isNull()).isTrue();
        assertThat(insert.at("/after/services").toString()).isEqualTo("[\"http\",\"smtp_relay\"]");
        assertThat(insert.at("/after/decky_config/distro").asText()).isEqualTo("debian");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\"q", "a,b}c", "x&password=y", "new\nline", "tab\tand\\back", "üñí☃𝄞", "semi;colon",
        "'single'", "at@sign:colon/slash", "per%25cent", "\u202eRTL", "end]]"})
    void hostilePasswordsNeverBreakTheDocumentNorLeak(String password) throws Exception {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state().toString(), "--db",
                "jdbc:postgresql://127.0.0.1:1/decnet?user=u&password=" + password);

        JsonNode json = oneDocument(r);
        assertThat(json.at("/error/exit_code").asInt()).isEqualTo(1);
        String secretish = password.length() > 3 ? password.substring(0, 4) : password;
        assertThat(json.toString()).doesNotContain(secretish);
        assertThat(r.err()).doesNotContain(password);
    }

    @Test
    void hostileValuesInTheStateFileAreEscapedInsideTheDocument() throws Exception {
        Path state = Files.writeString(dir.resolve("decnet-state.json"), """
                {"config": {"deckies": [{"name": "decky-01", "ip": "10.0.0.5\\n\\"x", "services": ["s\\"sh", "ü☃"],
                 "hostname": "a\\u0000b\\u202ec", "password": "p,w}\\"]"}]}}""");

        Cli.Result r = Cli.run(Map.of(), "reconcile", "--dry-run", "--json", "--state", state.toString(), "--db",
                db());

        JsonNode json = oneDocument(r);
        assertThat(r.code()).isEqualTo(2);
        JsonNode after = json.at("/changes/0/after");
        assertThat(after.get("decky_ip").asText()).isEqualTo("10.0.0.5\n\"x");
        assertThat(after.get("services").get(1).asText()).isEqualTo("ü☃");
        assertThat(after.at("/decky_config/hostname").asText()).isEqualTo("a\u0000b\u202ec");
        assertThat(r.out()).doesNotContain("\u202e").doesNotContain("\u0000");
    }

    @Test
    void aFailingPassIsOneDocumentWithAnErrorAndACompletedPassHasANullError() throws Exception {
        Cli.Result ok = Cli.run(Map.of(), "reconcile", "--once", "--json", "--state", state().toString(), "--db",
                db());

        JsonNode json = oneDocument(ok);
        assertThat(ok.code()).isZero();
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("completed").asBoolean()).isTrue();
    }

    @Test
    void jsonAloneIsTheLongLivedModeWithOneJsonLinePerPass() throws Exception {
        Path state = state();
        Path db = dir.resolve("decnet.db");
        AtomicReference<Runnable> signal = new AtomicReference<>();
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), signal::set,
                "reconcile", "--json", "--interval", "3600", "--no-watch", "--no-docker-events", "--state",
                state.toString(), "--db", "jdbc:sqlite:" + db));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FleetTable.states(db, "local").size() != 2) {
            assertThat(run.isDone()).as("--json alone must keep running, not do one pass and exit").isFalse();
            assertThat(System.nanoTime()).as("no pass within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(200);
        assertThat(run.isDone()).as("--json alone must keep running").isFalse();
        signal.get().run();
        Cli.Result r = run.get(60, TimeUnit.SECONDS);

        assertThat(r.code()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.outLines()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("inserted").asInt()).isEqualTo(2);
        assertThat(lines.get(0).get("format_version").asInt()).isEqualTo(1);
    }
}
