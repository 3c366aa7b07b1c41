package io.decnet.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleet-reconciler reconcile}: the flags (combined with the environment by {@link Settings}). */
@Command(
        name = "reconcile",
        sortOptions = false,
        versionProvider = FleetReconcilerCommand.Version.class,
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
                    + "rows are inserted and deleted but no state is changed. A state file that does not exist "
                    + "is an empty fleet, as for DECNET (its full teardown removes the file): this host's rows are "
                    + "deleted, with a warning. A file whose directory does not exist is a wrong path: an error "
                    + "that changes nothing. --max-deletes and --refuse-delete-all add an opt-in guard.",
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        footer = {
            "Exit codes of --once and --dry-run:",
            "  0  the pass ran to its end (with --dry-run: and nothing to change), also",
            "     when Docker was unreachable (states left alone), the state file was",
            "     absent (empty fleet) or rows were odd: the second line says so",
            "  1  the pass could not run or apply: a bad flag, an unreadable state file",
            "     or a missing directory, a database failure, deletes held back by",
            "     --max-deletes/--refuse-delete-all, Docker unusable with --require-docker",
            "  2  --dry-run only: the table differs from the state file and Docker",
            "     (a dry run that could not read Docker and found nothing else exits 1)",
            "",
            "Output of --once: DECNET's line `reconcile: inserted=N deleted=N state_updated=N` (only for a pass "
                    + "that ran), then one line with config updates, conflicts, skips, odd rows and whether the "
                    + "state file and Docker were usable. Problems go to stderr, one line each, naming the flag "
                    + "to fix.",
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
    /** Whether this is {@code plan} ({@link PlanCommand}): always a dry run. */
    boolean planOnly;

    @Option(names = "--once", order = 1, description = "Run one pass, print the counts and exit.")
    boolean once;

    @Option(names = "--dry-run", order = 2,
            description = "Plan one pass and print every change it would make (+ insert, - delete, ~ update, each "
                    + "column before -> after), writing nothing (implies --once; the same as `plan`).")
    boolean dryRun;

    @Option(names = "--json", order = 3,
            description = "Output format, not a mode: with --once or --dry-run one JSON document (counts, changes "
                    + "with before/after, skips, timings, error); in the long-lived mode one JSON line per pass.")
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

    @Option(names = "--allow-absent-state", order = 14, hidden = true,
            description = "Accepted and ignored (kept for scripts written for earlier versions): a state file that "
                    + "does not exist is always an empty fleet.")
    boolean allowAbsentState;

    @Option(names = "--max-deletes", order = 15, paramLabel = "N",
            description = "Opt-in guard: a pass that would delete more than N rows deletes none of them (exit 1; "
                    + "inserts and updates still happen). Default: no limit, as DECNET.")
    Integer maxDeletes;

    @Option(names = "--refuse-delete-all", order = 16,
            description = "Opt-in guard: a pass that would delete every row of this host (a state file that "
                    + "vanished, an empty fleet) deletes none of them (exit 1). Default off: DECNET's full "
                    + "teardown removes the state file and expects the rows to go.")
    boolean refuseDeleteAll;

    @Option(names = "--require-docker", order = 17,
            description = "Exit 1 when Docker could not be observed (the pass still inserts and deletes rows and "
                    + "leaves states alone). Default: a warning and exit 0, as DECNET.")
    boolean requireDocker;

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

    @Option(names = "--docker-events", order = 25, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Long-lived mode: follow Docker's event stream, so that a pass reads the containers from "
                    + "memory instead of listing them, and a pass runs soon after a container starts, stops or "
                    + "goes away (default on; --no-docker-events: one list call per pass, passes every --interval "
                    + "only). While the stream is down or behind, passes list the containers as before.")
    boolean dockerEvents;

    @Option(names = "--pass-timeout", order = 23, paramLabel = "SECONDS",
            description = "A pass still running after this many seconds is reported as timed out; --once also "
                    + "waits at most this long for another reconciler of the host to finish its pass (default 60).")
    Integer passTimeout;

    @Option(names = "--log-format", order = 29, paramLabel = "text|json",
            description = "Standard error as text (default; under systemd without timestamps, with the journal's "
                    + "level prefixes) or one JSON object per line.")
    LogLines.Format logFormat;

    @Option(names = {"-v", "--verbose"}, order = 30,
            description = "Also print every change, debug logs and the stack trace of an error.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, order = 31, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, order = 32, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    ReconcileCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        dryRun |= planOnly;
        Settings settings = Settings.resolve(this, env.vars(), env.defaultDockerHost());
        env.configureLogging().accept(settings);
        return settings.once() ? new OnceRun(settings, env).run() : new LongLivedRun(settings, env).run();
    }
}
