package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** picocli's conventions: --help and --version everywhere, a help command, a completion script, suggestions. */
class ConventionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"reconcile", "plan", "status"})
    void everyCommandHasHelpAndVersion(String command) {
        Cli.Result help = Cli.run(Map.of(), command, "--help");
        assertThat(help.code()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage:", "--help", "--version");

        Cli.Result version = Cli.run(Map.of(), command, "--version");
        assertThat(version.code()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("fleet-reconciler ");
    }

    @Test
    void theHelpCommandShowsACommandsHelp() {
        Cli.Result r = Cli.run(Map.of(), "help", "plan");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fleet-reconciler plan [--json]", "Plan: 2 to insert");
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        Cli.Result r = Cli.run(Map.of(), "--help");

        assertThat(r.out()).contains("reconcile", "plan", "status", "help", "generate-completion");
    }

    @Test
    void generateCompletionPrintsABashCompletionScriptForEveryCommand() {
        Cli.Result r = Cli.run(Map.of(), "generate-completion");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F", "fleet-reconciler", "--dry-run", "--all-hosts", "--db");
    }

    @Test
    void genManpageWritesAManPagePerCommandFromTheCommandModel(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(Map.of(), "gen-manpage", "--outdir", dir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("fleet-reconciler-reconcile.adoc"))).contains(":doctype: manpage",
                "--dry-run", "--log-format", "DECNET_DB_URL");
        assertThat(dir.resolve("fleet-reconciler-plan.adoc")).exists();
        assertThat(dir.resolve("fleet-reconciler-status.adoc")).exists();
    }

    @Test
    void aMistypedFlagGetsASuggestion() {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--dryrun");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "error: Unknown option: '--dryrun' (see 'fleet-reconciler reconcile --help')",
                "Did you mean --dry-run?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Cli.Result r = Cli.run(Map.of(), "reconcle");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Did you mean reconcile?");
    }
}
