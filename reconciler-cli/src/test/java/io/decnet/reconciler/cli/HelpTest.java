package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The help a newcomer reads: what the command does, both modes, every flag with its env and default. */
class HelpTest {
    @Test
    void reconcileHelpExplainsTheModesTheFlagsTheirDefaultsAndTheExitCodes() {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(
                "fleet-reconciler reconcile --once [--dry-run] [--json]",
                "fleet-reconciler reconcile [--interval SECONDS]",
                "--state", "DECNET_STATE_FILE", "./decnet-state.json",
                "--db", "DECNET_DB_URL", "jdbc:sqlite:decnet.db",
                "--docker-host", "DOCKER_HOST", "unix:///var/run/docker.sock",
                "--host-uuid", "default local",
                "--max-deletes", "--refuse-delete-all", "--require-docker",
                "--health-port", "/healthz", "/metrics", "--events",
                "Exit codes of --once", "0  the pass ran to its end", "1  the pass could not run or apply",
                "2  --dry-run only", "is an empty fleet", "Examples:");
        assertThat(r.out()).as("accepted for old scripts, no longer documented").doesNotContain("--allow-absent-state");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void topLevelHelpAndVersionWork() {
        Cli.Result help = Cli.run(Map.of(), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("reconcile", "fleet-reconciler reconcile --help");

        Cli.Result version = Cli.run(Map.of(), "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("fleet-reconciler ");
    }
}
