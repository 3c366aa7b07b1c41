package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.core.Reconciler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** {@code reconcile --once} (and {@code --dry-run}, {@code --json}): one pass, a report, an exit code. */
final class OnceRun {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int DRIFT = 2;

    private final Settings s;
    private final CliEnvironment env;

    OnceRun(Settings s, CliEnvironment env) {
        this.s = s;
        this.env = env;
    }

    int run() {
        Adapters.requireStateFile(s);
        PrintWriter err = env.err();
        if (!Files.exists(s.stateFile())) {
            err.println("warning: state file " + s.stateFile() + " does not exist: taken as an empty fleet "
                    + "(--allow-absent-state), so this host's rows are " + (s.dryRun() ? "planned for deletion"
                    : "deleted"));
        }
        ReconcileReport report;
        try (Adapters adapters = Adapters.open(s, env)) {
            Reconciler reconciler = Reconciler.builder().listener(adapters.events()).build();
            report = s.dryRun()
                    ? reconciler.dryRun(adapters.state(), adapters.store(), adapters.docker(), s.hostUuid())
                    : reconciler.reconcileOnce(adapters.state(), adapters.store(), adapters.docker(), s.hostUuid());
        }
        int code = exitCode(report);
        print(report, code);
        problems(report).forEach(err::println);
        env.out().flush();
        err.flush();
        return code;
    }

    int exitCode(ReconcileReport report) {
        if (report.failed() || !report.stateFile().usable() || dockerNamedButUnusable(report)) {
            return ERROR;
        }
        return s.dryRun() && report.hasChanges() ? DRIFT : OK;
    }

    private void print(ReconcileReport report, int code) {
        PrintWriter out = env.out();
        if (s.json()) {
            out.println(ReportJson.render(report, s, code));
            return;
        }
        ReportText.summary(report).forEach(line -> out.println(Redaction.scrub(line, s.dbUrl())));
        if (s.dryRun() || s.verbose()) {
            ReportText.details(report).forEach(line -> out.println(Redaction.scrub(line, s.dbUrl())));
        }
    }

    /** One line per problem, on stderr: what is wrong and which flag fixes it. */
    private List<String> problems(ReconcileReport report) {
        List<String> lines = new ArrayList<>();
        if (report.failed()) {
            Failure f = report.failure();
            String message = Redaction.scrub(f.message(), s.dbUrl());
            lines.add(switch (f.kind()) {
                case STORE -> "error: database " + s.maskedDbUrl() + " failed: " + message + " (check --db or "
                        + Settings.DB_ENV + "; nothing was written)";
                case TIMEOUT -> "error: the pass timed out: " + message;
                case INTERNAL -> "error: the pass failed unexpectedly: " + message
                        + " (nothing was written; --verbose shows details)";
            });
        }
        if (!report.stateFile().usable() && !report.stateFile().equals(SourceStatus.notRead())) {
            lines.add("error: state file unusable, nothing was changed: " + report.stateFile().summary()
                    + " (fix the file, or point --state or " + Settings.STATE_ENV + " at DECNET's "
                    + "decnet-state.json)");
        }
        if (dockerUnusable(report)) {
            // A Docker host the operator named and that does not answer is a mistake to fix (exit 1); the
            // default socket missing means this machine runs no Docker, which the pass handles (exit 0).
            lines.add((s.dockerHostGiven() ? "error" : "warning") + ": Docker unusable, row states were left as "
                    + "they are: " + ReportText.summary(report.runtime())
                    + " (check --docker-host or " + Settings.DOCKER_ENV + ")");
        }
        return lines;
    }

    private static boolean dockerUnusable(ReconcileReport report) {
        return !report.runtime().usable() && !report.runtime().equals(SourceStatus.notRead());
    }

    private boolean dockerNamedButUnusable(ReconcileReport report) {
        return s.dockerHostGiven() && dockerUnusable(report);
    }
}
