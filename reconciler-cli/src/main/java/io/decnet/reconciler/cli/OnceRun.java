package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.worker.LeasedPass;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code reconcile --once} (and {@code --dry-run}, {@code --json}): one pass, a report, an exit code.
 *
 * <p>The exit code says whether the pass completed, not whether everything was observed: 0 for a pass that ran to
 * its end (Docker unreachable, an absent state file and odd rows are reported, not failed), 1 for a pass that
 * could not run or apply, 2 for drift in a dry run. DECNET's counts line is printed only for a pass that ran, so a
 * script that parses it never reads "nothing to do" from a pass that did nothing because it could not.
 */
final class OnceRun {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int DRIFT = 2;
    private static final Duration LEASE_RETRY = Duration.ofMillis(200);

    private final Settings s;
    private final CliEnvironment env;

    OnceRun(Settings s, CliEnvironment env) {
        this.s = s;
        this.env = env;
    }

    int run() {
        Adapters.requireStateFile(s);
        PrintWriter err = env.err();
        ReconcileReport report;
        LeasedPass leased;
        Snapshots read = new Snapshots();
        try (Adapters adapters = Adapters.open(s, env)) {
            Reconciler reconciler = Reconciler.builder().policy(s.policy()).listener(adapters.events()).build();
            leased = new LeasedPass(adapters.lease(), s.hostUuid());
            StateSource state = read.recording(adapters.state());
            FleetStore store = read.recording(adapters.store());
            Supplier<ReconcileReport> pass = () -> s.dryRun()
                    ? reconciler.dryRun(state, store, adapters.docker(), s.hostUuid())
                    : reconciler.reconcileOnce(state, store, adapters.docker(), s.hostUuid());
            report = whenTheLeaseIsFree(leased, pass);
        }
        if (report == null) {
            throw new UsageError("writer_lease_busy", "another reconciler of host " + Printable.of(s.hostUuid())
                    + " held the writer lease for all of --pass-timeout (" + s.passTimeout().toSeconds() + " s): "
                    + leased.describe() + "; nothing was changed, run again later", null);
        }
        int code = exitCode(report);
        List<String> problems = problems(report, code);
        print(report, ChangeDetail.of(report, read), code, problems);
        problems.forEach(err::println);
        env.out().flush();
        err.flush();
        return code;
    }

    /**
     * Runs the pass as soon as no other reconciler of this host holds the writer lease (a long-lived worker holds
     * it only while its pass runs), waiting at most {@code --pass-timeout}; {@code null} if it never was free.
     */
    private ReconcileReport whenTheLeaseIsFree(LeasedPass leased, Supplier<ReconcileReport> pass) {
        long deadline = System.nanoTime() + s.passTimeout().toNanos();
        while (true) {
            Optional<ReconcileReport> report = leased.run(pass);
            if (report.isPresent()) {
                return report.get();
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(LEASE_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Whether the pass ran to its end: the state file could be used and the store read and written. */
    static boolean ran(ReconcileReport report) {
        return !report.failed() && report.stateFile().usable();
    }

    int exitCode(ReconcileReport report) {
        if (!ran(report) || guardTripped(report) || (s.requireDocker() && dockerUnusable(report))) {
            return ERROR;
        }
        if (s.dryRun() && report.hasChanges()) {
            return DRIFT;
        }
        // A plan that could not look at Docker does not know that the states agree: it must not read as converged.
        return s.dryRun() && dockerUnusable(report) ? ERROR : OK;
    }

    private void print(ReconcileReport report, List<ChangeDetail> details, int code, List<String> problems) {
        PrintWriter out = env.out();
        if (s.json()) {
            out.println(ReportJson.render(report, details, s, code, code == ERROR ? errorOf(report, problems)
                    : null));
            return;
        }
        if (!ran(report)) {
            return; // the error on stderr says why; no counts line that could read as "converged"
        }
        ReportText.summary(report).forEach(line -> out.println(Redaction.scrub(line, s.dbUrl())));
        if (s.dryRun()) {
            PlanText.lines(report, details, env.colour()).forEach(line -> out.println(Redaction.scrub(line,
                    s.dbUrl())));
        } else if (s.verbose()) {
            ReportText.details(report).forEach(line -> out.println(Redaction.scrub(line, s.dbUrl())));
        }
    }

    /** The code and words of why a pass that ran (or tried to) exits 1: the first error among {@code problems}. */
    private ErrorCode errorOf(ReconcileReport report, List<String> problems) {
        String message = problems.stream().filter(p -> p.startsWith("error: ")).findFirst()
                .map(p -> p.substring("error: ".length())).orElse("the pass did not complete");
        String code;
        if (report.failed()) {
            code = switch (report.failure().kind()) {
                case STORE -> "database_failed";
                case TIMEOUT -> "pass_timed_out";
                case INTERNAL -> "internal_error";
            };
        } else if (!report.stateFile().usable()) {
            code = "state_file_unreadable";
        } else if (guardTripped(report)) {
            code = "mass_delete_guard";
        } else {
            code = "docker_unreachable";
        }
        return new ErrorCode(code, message);
    }

    /** One line per problem, on stderr: what is wrong and which flag fixes it. */
    private List<String> problems(ReconcileReport report, int code) {
        List<String> lines = new ArrayList<>();
        if (report.failed()) {
            Failure f = report.failure();
            String message = Redaction.scrub(f.message(), s.dbUrl());
            lines.add(switch (f.kind()) {
                case STORE -> "error: database " + s.maskedDbUrl() + " failed: " + message
                        + (message.contains("nothing was applied") ? ""
                        : message.contains("file system full") ? " (nothing was written)"
                        : " (check --db or " + Settings.DB_ENV + "; nothing was written)");
                case TIMEOUT -> "error: the pass timed out: " + message;
                case INTERNAL -> "error: the pass failed unexpectedly: " + message
                        + " (nothing was written; --verbose shows details)";
            });
        }
        if (!report.stateFile().usable() && report.stateFile().wasRead()) {
            lines.add("error: state file unusable, nothing was changed: " + report.stateFile().summary()
                    + " (fix the file, or point --state or " + Settings.STATE_ENV + " at DECNET's "
                    + "decnet-state.json)");
        }
        if (ran(report) && stateFileAbsent(report)) {
            int deleted = report.deleted();
            lines.add("warning: state file " + s.stateFile() + " does not exist: taken as an empty fleet (DECNET's "
                    + "full teardown removes it); " + deleted + (deleted == 1 ? " row" : " rows") + " of host "
                    + s.hostUuid() + (s.dryRun() ? " would be deleted" : " deleted"));
        }
        if (guardTripped(report)) {
            long held = report.skips().stream().filter(k -> k.reason() == SkipReason.MASS_DELETE_GUARD).count();
            lines.add("error: " + held + (held == 1 ? " delete was" : " deletes were") + " held back by "
                    + guardFlags() + "; inserts and updates were " + (s.dryRun() ? "planned" : "applied")
                    + " (check the state file; drop the flag to let the deletes through)");
        }
        if (dockerUnusable(report)) {
            boolean fails = code == ERROR && ran(report) && !guardTripped(report);
            lines.add((fails ? "error" : "warning") + ": Docker unusable, row states were "
                    + (s.dryRun() ? "not checked" : "left as they are") + ": " + ReportText.summary(report.runtime())
                    + " (check --docker-host or " + Settings.DOCKER_ENV + ")");
        }
        report.oddRows().forEach(odd -> lines.add("warning: row " + Printable.of(odd.name()) + " of host "
                + Printable.of(s.hostUuid()) + " is odd (read and reconciled all the same): " + odd.describe()));
        return lines;
    }

    private String guardFlags() {
        List<String> flags = new ArrayList<>(2);
        if (s.maxDeletes() != null) {
            flags.add("--max-deletes " + s.maxDeletes());
        }
        if (s.refuseDeleteAll()) {
            flags.add("--refuse-delete-all");
        }
        return String.join(" / ", flags);
    }

    /** A state file that was not there (an empty fleet), and did not come back before the pass wrote. */
    private static boolean stateFileAbsent(ReconcileReport report) {
        return report.stateFile().availability() == SourceStatus.Availability.ABSENT
                && report.skips().stream().noneMatch(k -> k.reason() == SkipReason.STATE_CHANGED);
    }

    private static boolean guardTripped(ReconcileReport report) {
        return report.skips().stream().anyMatch(k -> k.reason() == SkipReason.MASS_DELETE_GUARD);
    }

    private static boolean dockerUnusable(ReconcileReport report) {
        return !report.runtime().usable() && report.runtime().wasRead();
    }
}
