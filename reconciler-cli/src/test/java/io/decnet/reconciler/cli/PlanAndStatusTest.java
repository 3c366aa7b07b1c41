package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} (= {@code reconcile --dry-run}) shows each change with its columns before and after and a summary
 * line; {@code status} shows one row per decky of this host and counts the other hosts' rows. In-process, without
 * Docker (the default socket of {@link Cli} does not exist).
 */
class PlanAndStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path state;
    private Path db;

    @BeforeEach
    void aReconciledFleetWhoseStateFileThenChanged() {
        state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh,smtp_relay", "decky-02:http",
                "decky-03:ftp");
        db = dir.resolve("decnet.db");
        assertThat(run("reconcile", "--once").code()).isZero();
        StateFiles.write(state, "decky-01:ssh,http", "decky-02:http", "decky-04:smb");
        FleetTable.execute(db, "INSERT INTO fleet_deckies (host_uuid, name, services, decky_config, decky_ip, state, "
                + "updated_at) VALUES ('host-b', 'decky-07', '[\"ssh\"]', '{}', '10.0.1.7', 'running', "
                + "'2026-12-04 07:00:00.000000'), ('host-b', 'decky-08', '[\"ssh\"]', '{}', '10.0.1.8', 'failed', "
                + "'2026-12-04 07:00:00.000000')");
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state";
        all[args.length + 1] = state.toString();
        all[args.length + 2] = "--db";
        all[args.length + 3] = "jdbc:sqlite:" + db;
        return Cli.run(Map.of(), all);
    }

    @Test
    void planShowsInsertsDeletesAndUpdatesWithEachChangedColumnAndASummaryLine() {
        Cli.Result r = run("plan");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.outLines()).contains("Plan: 1 to insert, 1 to update, 1 to delete, 0 states to change.")
                .anySatisfy(l -> assertThat(l).startsWith("  ~ decky-01  services +http -smtp_relay; decky_config "
                        + "{services: +http -smtp_relay}"))
                .anySatisfy(l -> assertThat(l).startsWith("  + decky-04  state running, services [\"smb\"], "
                        + "decky_ip 10."))
                .anySatisfy(l -> assertThat(l).startsWith("  - decky-03  was running  (not in the state file"))
                .anySatisfy(l -> assertThat(l).startsWith("Docker could not be read (").endsWith("row states were "
                        + "not checked."));
        assertThat(r.out()).doesNotContain("No changes").doesNotContain("decky-07");
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02", "decky-03");
    }

    @Test
    void planPrintsExactlyWhatReconcileDryRunPrints() {
        Cli.Result plan = run("plan");
        Cli.Result dryRun = run("reconcile", "--dry-run");

        assertThat(plan.code()).isEqualTo(dryRun.code());
        assertThat(plan.out()).isEqualTo(dryRun.out());
    }

    @Test
    void planHasNoLongLivedOptions() {
        Cli.Result r = run("plan", "--interval", "5");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Unknown options: '--interval'", "fleet-reconciler plan --help");
    }

    @Test
    void planJsonCarriesTheColumnsBeforeAndAfter() throws Exception {
        Cli.Result r = run("plan", "--json");

        JsonNode update = JSON.readTree(r.out()).get("changes").get(0);
        assertThat(update.get("name").asText()).isEqualTo("decky-01");
        assertThat(update.get("reason_code").asText()).isEqualTo("config_differs");
        assertThat(update.at("/before/services").toString()).isEqualTo("[\"ssh\",\"smtp_relay\"]");
        assertThat(update.at("/after/services").toString()).isEqualTo("[\"ssh\",\"http\"]");
        assertThat(update.get("before").has("state")).as("state does not change").isFalse();
    }

    @Test
    void statusShowsOneRowPerDeckyOfThisHostAndCountsTheOthers() {
        Cli.Result r = run("status");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines().get(0)).startsWith("NAME").contains("IP", "SERVICES", "STATE", "UPDATED_AT",
                "DOCKER");
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("decky-01").contains("ssh,http",
                        "running", "?"))
                .anySatisfy(l -> assertThat(l).startsWith("decky-04").contains("smb", "(no row)"))
                .anySatisfy(l -> assertThat(l).startsWith("decky-03 (not in state file)"))
                .contains("4 deckies of host local; 2 rows of 1 other host not shown (--all-hosts shows them).");
        assertThat(r.out()).doesNotContain("decky-07").doesNotContain("\u001b[");
    }

    @Test
    void statusWithAllHostsListsThePeersRows() {
        Cli.Result r = run("status", "--all-hosts");

        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("host-b").contains("decky-08", "failed"));
    }

    @Test
    void statusJsonIsOneDocument() throws Exception {
        Cli.Result r = run("status", "--json");

        JsonNode json = JSON.readTree(r.out());
        assertThat(r.outLines()).hasSize(1);
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("deckies")).hasSize(4);
        assertThat(json.at("/deckies/0/row/state").asText()).isEqualTo("running");
        assertThat(json.at("/deckies/0/containers").isNull()).as("Docker was not read").isTrue();
        assertThat(json.at("/other_hosts/rows").asInt()).isEqualTo(2);
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(Colour.forOutput(true, Map.of()).on()).isTrue();
        assertThat(Colour.forOutput(false, Map.of()).on()).isFalse();
        assertThat(Colour.forOutput(true, Map.of("NO_COLOR", "1")).on()).isFalse();
        assertThat(Colour.forOutput(true, Map.of("TERM", "dumb")).on()).isFalse();
    }
}
