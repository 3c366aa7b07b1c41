package io.decnet.reconciler.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The {@code fleet-reconciler} command. {@link #main} runs it in this process and exits with its code;
 * {@link #run} runs it for tests.
 *
 * <p>Thread-safe: holds no state; {@link #main} sets logging system properties once per process.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // First of all, so that a SIGTERM while the JVM loads drivers and connects is a clean stop, too.
        JvmShutdown shutdown = JvmShutdown.install(isLongLived(args));
        Charset cs = StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), cs), true);
        // Loggers and --verbose stack traces go to standard error: scrub the database passwords from all of it.
        ScrubbingOutputStream errLines = new ScrubbingOutputStream(new FileOutputStream(FileDescriptor.err),
                secretsFrom(args, System.getenv()));
        PrintStream scrubbedErr = new PrintStream(errLines, true, cs);
        System.setErr(scrubbedErr);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(scrubbedErr, cs), true);
        boolean journal = LogLines.underJournal(System.getenv());
        Consumer<Settings> logging = s -> {
            Logging.configure(s, journal);
            errLines.format(LogLines.transform(s.logFormat(), journal));
        };
        int code = run(args, new CliEnvironment(System.getenv(), out, err, shutdown, logging,
                Settings.DEFAULT_DOCKER, System.console() != null));
        out.flush();
        err.flush();
        if (shutdown.claimNormalExit()) {
            System.exit(code);
        }
        // Otherwise a signal started the shutdown: its hook stops the worker and ends the process with 0.
    }

    /** Whether {@code args} start the long-lived worker (a stop by signal is then a normal end, exit 0). */
    static boolean isLongLived(String[] args) {
        List<String> list = List.of(args);
        // The command is the first argument that is no option: a value that reads "reconcile" or "plan" (a state
        // file of that name) does not count.
        String command = list.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        return command.equals("reconcile") && list.stream().noneMatch(a -> a.equals("--once")
                || a.equals("--dry-run") || a.equals("-h") || a.equals("--help"));
    }

    /** The text whose JDBC URLs carry the passwords to keep out of output: the arguments and the URL variable. */
    static String secretsFrom(String[] args, Map<String, String> vars) {
        return String.join(" ", args) + " " + vars.getOrDefault(Settings.DB_ENV, "");
    }

    /** Runs the command with {@code env}; returns its exit code. Never throws, never exits. */
    static int run(String[] args, CliEnvironment env) {
        CommandLine cl = new CommandLine(new FleetReconcilerCommand());
        cl.addSubcommand("reconcile", new ReconcileCommand(env));
        cl.addSubcommand("plan", PlanCommand.create(env));
        cl.addSubcommand("status", new StatusCommand(env));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false);
        cl.addSubcommand("generate-completion", completion);
        // For packagers: AsciiDoc man pages from this command model (asciidoctor -b manpage turns them into troff).
        CommandLine manPages = new CommandLine(new ManPageGenerator());
        manPages.getCommandSpec().usageMessage().hidden(true);
        cl.addSubcommand("gen-manpage", manPages);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setParameterExceptionHandler((ex, rest) -> {
            CommandLine failed = ex.getCommandLine();
            String message = Redaction.scrub(String.valueOf(ex.getMessage()), secretsFrom(args, env.vars()));
            if (wantsJson(args)) {
                // --json promises one JSON document on stdout, also when the flags could not be parsed.
                env.out().println(ReportJson.error(new ErrorCode(parseErrorCode(ex), message), OnceRun.ERROR));
                env.out().flush();
            }
            env.err().println("error: " + message + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                // picocli orders them by likeness; the first is the one worth printing.
                env.err().println("Did you mean " + unmatched.getSuggestions().get(0) + "?");
            }
            env.err().flush();
            return OnceRun.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            boolean verbose = matched(parseResult, "--verbose");
            String secrets = secretsFrom(args, env.vars());
            String message = ex instanceof UsageError ? Redaction.scrub(String.valueOf(ex.getMessage()), secrets)
                    : "unexpected failure: " + Redaction.scrub(String.valueOf(ex), secrets);
            if (matched(parseResult, "--json")) {
                // --json promises one JSON document on stdout, whatever happened.
                String code = ex instanceof UsageError usage ? usage.code() : "internal_error";
                env.out().println(ReportJson.error(new ErrorCode(code, message), OnceRun.ERROR));
                env.out().flush();
            }
            env.err().println("error: " + message
                    + (ex instanceof UsageError || verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                env.err().print(Redaction.scrub(trace.toString(), secrets));
            }
            env.err().flush();
            return OnceRun.ERROR;
        });
        return cl.execute(args);
    }

    /** Whether the raw arguments ask for JSON (checked before, or without, a successful parse). */
    static boolean wantsJson(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code error.code} of a picocli parse error. */
    private static String parseErrorCode(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException) {
            return "unknown_option";
        }
        if (ex instanceof MissingParameterException) {
            return "missing_value";
        }
        if (ex instanceof OverwrittenOptionException) {
            return "option_repeated";
        }
        if (ex instanceof MutuallyExclusiveArgsException) {
            return "conflicting_options";
        }
        return UsageError.INVALID_VALUE;
    }

    private static boolean matched(ParseResult result, String option) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SIGTERM and SIGINT run the one shutdown hook, installed when {@code main} starts. In the long-lived mode it
     * runs the stop action (the worker finishes the pass in flight) once that is registered, and ends the process
     * with exit code 0, as systemd expects of a clean stop, also when the signal comes while the command is still
     * starting. A one-shot run keeps the usual 128+signal exit code: its pass did not complete.
     */
    static final class JvmShutdown implements CliEnvironment.ShutdownSignal {
        private static final int RUNNING = 0;
        private static final int BY_SIGNAL = 1;
        private static final int NORMAL_EXIT = 2;
        /** What the JVM itself exits with on SIGTERM. */
        private static final int SIGTERM_EXIT = 143;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final AtomicReference<Runnable> action = new AtomicReference<>();
        private final boolean cleanStopBySignal;

        private JvmShutdown(boolean cleanStopBySignal) {
            this.cleanStopBySignal = cleanStopBySignal;
        }

        static JvmShutdown install(boolean cleanStopBySignal) {
            JvmShutdown shutdown = new JvmShutdown(cleanStopBySignal);
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown::onSignalOrExit, "fleet-reconciler-shutdown"));
            return shutdown;
        }

        @Override
        public void onShutdown(Runnable stop) {
            action.set(stop);
        }

        private void onSignalOrExit() {
            boolean bySignal = state.compareAndSet(RUNNING, BY_SIGNAL);
            Runnable stop = action.get();
            if (stop != null) {
                stop.run();
            }
            System.out.flush();
            System.err.flush();
            if (bySignal) {
                // The JVM would exit with 128+signal; a worker that stopped cleanly ends with 0.
                Runtime.getRuntime().halt(cleanStopBySignal ? OnceRun.OK : SIGTERM_EXIT);
            }
        }

        /** Whether main may exit with its own code: no signal has started the shutdown. */
        boolean claimNormalExit() {
            return state.compareAndSet(RUNNING, NORMAL_EXIT);
        }
    }

    /** Process-wide logging set-up for slf4j-simple; a {@code -D} given on the command line wins. */
    static final class Logging {
        private static final String P = "org.slf4j.simpleLogger.";

        private Logging() {
        }

        static void configure(Settings s, boolean journal) {
            String level = s.verbose() ? "debug" : s.once() ? "off" : "info";
            set("defaultLogLevel", level);
            set("logFile", "System.err");
            set("showThreadName", "false");
            set("showLogName", "false");
            set("showShortLogName", "false");
            set("levelInBrackets", "false");
            if (!s.once() && !journal) {
                // Under systemd the journal stamps each line itself (and LogLines adds its level prefix).
                set("showDateTime", "true");
                set("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            }
            if (!s.verbose()) {
                // The PostgreSQL driver logs through java.util.logging, around our messages and in its own format
                // (a two-line "WARNING: JDBC URL port ..." on stderr); what it reports reaches the user through
                // our errors. -v keeps it.
                java.util.logging.LogManager.getLogManager().reset();
            }
            String vendors = s.verbose() ? "info" : "warn";
            for (String vendor : new String[] {"com.github.dockerjava", "org.apache.hc", "org.jdbi", "com.zaxxer",
                "org.postgresql", "org.mariadb", "io.micrometer"}) {
                set("log." + vendor, s.once() && !s.verbose() ? "off" : vendors);
            }
        }

        private static void set(String key, String value) {
            if (System.getProperty(P + key) == null) {
                System.setProperty(P + key, value);
            }
        }
    }
}
