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
                "--allow-absent-state", "--health-port", "/healthz", "/metrics", "--events",
                "Exit codes:", "2  --dry-run only", "Examples:");
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
