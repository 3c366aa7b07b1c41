package io.decnet.reconciler.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code fleet-reconciler plan}: {@code reconcile --dry-run} under its own name, with the options that make sense
 * for a plan. The same command object and {@link Settings} as {@code reconcile}, so that the two can never drift
 * apart; only the long-lived mode's options are taken off.
 */
final class PlanCommand {
    /** {@code reconcile}'s options a plan has no use for. */
    private static final List<String> NOT_FOR_A_PLAN = List.of("--once", "--dry-run", "--interval", "--health-port",
            "--health-address", "--watch", "--docker-events", "--events", "--allow-absent-state");

    private PlanCommand() {
    }

    static CommandLine create(CliEnvironment env) {
        ReconcileCommand command = new ReconcileCommand(env);
        command.planOnly = true;
        CommandLine cl = new CommandLine(command);
        CommandSpec spec = cl.getCommandSpec();
        spec.name("plan");
        for (String name : NOT_FOR_A_PLAN) {
            OptionSpec option = spec.findOption(name);
            if (option != null) {
                spec.remove(option);
            }
        }
        spec.usageMessage()
                .header("Show what a pass would change, and why, writing nothing (reconcile --dry-run).")
                .customSynopsis("  fleet-reconciler plan [--json] [OPTIONS]")
                .description(
                        "Reads the state file, this host's rows of fleet_deckies and Docker, and prints one line per "
                                + "change a pass would make: + insert, - delete, ~ update with each changed column "
                                + "before -> after (services and decky_config as compact diffs), the reasons a "
                                + "part is skipped, then a summary line:",
                        "  Plan: 2 to insert, 1 to update, 1 to delete, 3 states to change.",
                        "Writes nothing, not even the table. Before these lines come DECNET's counts line and the "
                                + "details line of reconcile --once, as planned.")
                .footer(
                        "Exit codes:",
                        "  0  nothing to change (Docker was read)",
                        "  1  the plan could not be made (a bad flag, an unreadable state file, a database",
                        "     failure), or Docker could not be read and nothing else differs",
                        "  2  the table differs from the state file and Docker",
                        "",
                        "Examples:",
                        "  fleet-reconciler plan --state /var/lib/decnet/decnet-state.json \\",
                        "      --db jdbc:sqlite:/var/lib/decnet/decnet.db",
                        "  fleet-reconciler plan --json | jq '.changes[] | {name, before, after}'");
        return cl;
    }
}
