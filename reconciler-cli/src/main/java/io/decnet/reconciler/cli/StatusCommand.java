package io.decnet.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleet-reconciler status}: the flags of the fleet overview ({@link FleetStatus} reads and prints it). */
@Command(
        name = "status",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = FleetReconcilerCommand.Version.class,
        usageHelpAutoWidth = true,
        header = "Show this host's deckies as the state file, the fleet_deckies table and Docker see them.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "One row per decky of this host: from the state file its ip and services, from the table its state "
                    + "and updated_at, from Docker how many of its containers run and which do not. Rows of "
                    + "other hosts are counted, and listed with --all-hosts. Reads only; writes nothing.",
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        footer = {
            "Exit codes:",
            "  0  the state file and the table were read (Docker unreachable is shown, not failed)",
            "  1  the state file or the database could not be read, or a bad flag",
        })
final class StatusCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Option(names = "--state", order = 10, paramLabel = "PATH",
            description = {"DECNET's decnet-state.json.", "Env DECNET_STATE_FILE; default ./decnet-state.json"})
    String state;

    @Option(names = "--db", order = 11, paramLabel = "JDBC_URL",
            description = {"The database with the fleet_deckies table (see reconcile --help).",
                "Env DECNET_DB_URL; default jdbc:sqlite:decnet.db"})
    String db;

    @Option(names = "--docker-host", order = 12, paramLabel = "URI",
            description = {"The Docker daemon.", "Env DOCKER_HOST; default unix:///var/run/docker.sock"})
    String dockerHost;

    @Option(names = "--host-uuid", order = 13, paramLabel = "ID", description = "This host's id (default local).")
    String hostUuid;

    @Option(names = "--all-hosts", order = 14,
            description = "Also list the rows of other hosts (their state and updated_at; their Docker is not "
                    + "this host's to see).")
    boolean allHosts;

    @Option(names = "--json", order = 15, description = "Print one JSON document instead of the table.")
    boolean json;

    @Option(names = "--log-format", order = 17, paramLabel = "text|json",
            description = "Standard error as text (default; under systemd without timestamps, with the journal's "
                    + "level prefixes) or one JSON object per line.")
    LogLines.Format logFormat;

    @Option(names = {"-v", "--verbose"}, order = 16, description = "Debug logs and the stack trace of an error.")
    boolean verbose;

    StatusCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ReconcileCommand flags = new ReconcileCommand(env);
        flags.state = state;
        flags.db = db;
        flags.dockerHost = dockerHost;
        flags.hostUuid = hostUuid;
        flags.json = json;
        flags.verbose = verbose;
        flags.logFormat = logFormat;
        flags.dryRun = true; // read-only: the store creates nothing, Docker is listed once
        Settings settings = Settings.resolve(flags, env.vars(), env.defaultDockerHost());
        env.configureLogging().accept(settings);
        return new FleetStatus(settings, allHosts, env).run();
    }
}
