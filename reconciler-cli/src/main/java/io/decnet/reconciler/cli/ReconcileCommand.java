package io.decnet.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleet-reconciler reconcile}: the flags (combined with the environment by {@link Settings}). */
@Command(
        name = "reconcile",
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Bring DECNET's fleet_deckies table in line with decnet-state.json and Docker.",
        synopsisHeading = "%nUsage:%n",
        customSynopsis = {
            "  fleet-reconciler reconcile --once [--dry-run] [--json] [OPTIONS]",
            "      one pass: print the counts, exit",
            "  fleet-reconciler reconcile [--interval SECONDS] [OPTIONS]",
            "      keep running: a pass at start, then one every 30 s, until SIGTERM/SIGINT",
        },
        descriptionHeading = "%n",
        description = {
            "The state file (decnet-state.json, written by `decnet deploy`) says which deckies should exist; "
                    + "Docker says which of their containers run. One pass makes this host's rows of the "
                    + "fleet_deckies table agree: it inserts rows for deployed deckies, deletes rows of deckies "
                    + "no longer in the file, and sets each row's state (running, degraded, failed, torn_down) "
                    + "from Docker. Writes are conditional, so a deploy racing with a pass is never undone. Rows "
                    + "of other hosts are never touched.",
            "",
            "Safety: an unreadable or half-written state file changes nothing; if Docker cannot be reached, "
                    + "rows are inserted and deleted but no state is changed; a state file that does not exist "
                    + "(DECNET's full teardown removes it) empties this host's rows only with "
                    + "--allow-absent-state.",
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        footer = {
            "Exit codes:",
            "  0  done (with --dry-run: nothing to change)",
            "  1  error: a bad flag, a missing or unreadable state file, a database failure,",
            "     or a Docker host named by --docker-host/DOCKER_HOST that does not answer",
            "  2  --dry-run only: the table differs from the state file and Docker",
            "",
            "Output of --once: DECNET's line `reconcile: inserted=N deleted=N state_updated=N`, then one line "
                    + "with config updates, conflicts, skips and whether the state file and Docker were usable. "
                    + "Problems go to stderr, one line each, naming the flag to fix.",
            "",
            "Examples:",
            "  fleet-reconciler reconcile --once --state /var/lib/decnet/decnet-state.json \\",
            "      --db jdbc:sqlite:/var/lib/decnet/decnet.db",
            "  fleet-reconciler reconcile --dry-run --json   # exit 2 on drift",
            "  DECNET_DB_URL='jdbc:postgresql://db:5432/decnet?user=decnet&password=secret' \\",
            "      fleet-reconciler reconcile --interval 30 --health-port 9464",
        })
final class ReconcileCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Option(names = "--once", order = 1, description = "Run one pass, print the counts and exit.")
    boolean once;

    @Option(names = "--dry-run", order = 2,
            description = "Plan one pass and print every change it would make, writing nothing (implies --once).")
    boolean dryRun;

    @Option(names = "--json", order = 3,
            description = "Print the pass as one JSON object (counts, changes, skips, timings; implies --once).")
    boolean json;

    @Option(names = "--interval", order = 4, paramLabel = "SECONDS",
            description = "Long-lived mode: seconds between passes, 1 to 86400 (default 30). Failing passes "
                    + "back off up to 10x; waits vary by +/-10%% so that hosts do not hit the database in step.")
    Integer interval;

    @Option(names = "--state", order = 10, paramLabel = "PATH",
            description = {"DECNET's decnet-state.json.", "Env DECNET_STATE_FILE; default ./decnet-state.json"})
    String state;

    @Option(names = "--db", order = 11, paramLabel = "JDBC_URL",
            description = {"The database with the fleet_deckies table (created if absent), one of:",
                "  jdbc:sqlite:FILE",
                "  jdbc:postgresql://HOST/DB?user=U&password=P",
                "  jdbc:mariadb://HOST/DB?user=U&password=P",
                "  jdbc:mysql://HOST/DB?user=U&password=P",
                "Passwords are never printed.",
                "Env DECNET_DB_URL; default jdbc:sqlite:decnet.db"})
    String db;

    @Option(names = "--docker-host", order = 12, paramLabel = "URI",
            description = {"The Docker daemon: unix:///PATH or tcp://HOST:PORT",
                "(TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH).",
                "Env DOCKER_HOST; default:",
                "  unix:///var/run/docker.sock"})
    String dockerHost;

    @Option(names = "--host-uuid", order = 13, paramLabel = "ID",
            description = "The host whose rows this run owns (default local, DECNET's id for a single host).")
    String hostUuid;

    @Option(names = "--allow-absent-state", order = 14,
            description = "Take a state file that does not exist as an empty fleet, which DELETES all of this "
                    + "host's rows. Without it a missing file at start is an error, so that a mistyped --state "
                    + "cannot wipe the table. (A running worker always follows a file removed after it started.)")
    boolean allowAbsentState;

    @Option(names = "--events", order = 20, paramLabel = "FILE",
            description = "Append each committed insert, delete and state change as one JSON line in DECNET's "
                    + "bus shape ({\"topic\":\"decky.<host>:<name>.state\",\"payload\":{...}}); - for stdout.")
    String events;

    @Option(names = "--health-port", order = 21, paramLabel = "PORT",
            description = "Long-lived mode: serve GET /healthz (200 while the last successful pass is under three "
                    + "intervals old, else 503) and GET /metrics (Prometheus) on this port.")
    Integer healthPort;

    @Option(names = "--health-address", order = 22, paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address for --health-port (default 127.0.0.1; 0.0.0.0 for every interface).")
    String healthAddress;

    @Option(names = "--watch", order = 24, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Long-lived mode: run a pass as soon as the state file changes (default on; "
                    + "--no-watch: only every --interval).")
    boolean watch;

    @Option(names = "--pass-timeout", order = 23, paramLabel = "SECONDS",
            description = "A pass still running after this many seconds is reported as timed out (default 60).")
    Integer passTimeout;

    @Option(names = {"-v", "--verbose"}, order = 30,
            description = "Also print every change, debug logs and the stack trace of an error.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, order = 31, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    ReconcileCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.resolve(this, env.vars(), env.defaultDockerHost());
        env.configureLogging().accept(settings);
        return settings.once() ? new OnceRun(settings, env).run() : new LongLivedRun(settings, env).run();
    }
}
