package io.decnet.reconciler.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

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
        JvmShutdown shutdown = new JvmShutdown();
        Charset cs = StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), cs), true);
        // Loggers and --verbose stack traces go to standard error: scrub the database passwords from all of it.
        PrintStream scrubbedErr = new PrintStream(new ScrubbingOutputStream(new FileOutputStream(FileDescriptor.err),
                secretsFrom(args, System.getenv())), true, cs);
        System.setErr(scrubbedErr);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(scrubbedErr, cs), true);
        int code = run(args, new CliEnvironment(System.getenv(), out, err, shutdown, Logging::configure));
        out.flush();
        err.flush();
        if (shutdown.claimNormalExit()) {
            System.exit(code);
        }
        // Otherwise a signal started the shutdown: its hook stops the worker and ends the process with 0.
    }

    /** The text whose JDBC URLs carry the passwords to keep out of output: the arguments and the URL variable. */
    static String secretsFrom(String[] args, Map<String, String> vars) {
        return String.join(" ", args) + " " + vars.getOrDefault(Settings.DB_ENV, "");
    }

    /** Runs the command with {@code env}; returns its exit code. Never throws, never exits. */
    static int run(String[] args, CliEnvironment env) {
        CommandLine cl = new CommandLine(new FleetReconcilerCommand());
        cl.addSubcommand("reconcile", new ReconcileCommand(env));
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine failed = ex.getCommandLine();
            env.err().println("error: " + Redaction.mask(ex.getMessage()) + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            env.err().flush();
            return OnceRun.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            boolean verbose = matched(parseResult, "--verbose");
            if (matched(parseResult, "--json")) {
                // --json promises one JSON object on stdout, whatever happened.
                env.out().println(ReportJson.error(Redaction.scrub(String.valueOf(ex.getMessage()),
                        secretsFrom(args, env.vars())), OnceRun.ERROR));
                env.out().flush();
            }
            if (ex instanceof UsageError) {
                env.err().println("error: " + Redaction.mask(ex.getMessage()));
            } else {
                env.err().println("error: unexpected failure: " + Redaction.mask(String.valueOf(ex))
                        + (verbose ? "" : " (run with --verbose for the stack trace)"));
            }
            if (verbose) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                env.err().print(Redaction.scrub(trace.toString(), secretsFrom(args, env.vars())));
            }
            env.err().flush();
            return OnceRun.ERROR;
        });
        return cl.execute(args);
    }

    private static boolean matched(ParseResult result, String option) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /** SIGTERM and SIGINT run the shutdown hook; it stops gracefully, then ends the process with exit code 0. */
    static final class JvmShutdown implements CliEnvironment.ShutdownSignal {
        private static final int RUNNING = 0;
        private static final int BY_SIGNAL = 1;
        private static final int NORMAL_EXIT = 2;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        @Override
        public void onShutdown(Runnable action) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                boolean bySignal = state.compareAndSet(RUNNING, BY_SIGNAL);
                action.run();
                System.out.flush();
                System.err.flush();
                if (bySignal) {
                    // The JVM would exit with 128+signal; the worker stopped cleanly, so 0, as systemd expects.
                    Runtime.getRuntime().halt(OnceRun.OK);
                }
            }, "fleet-reconciler-shutdown"));
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

        static void configure(Settings s) {
            String level = s.verbose() ? "debug" : s.once() ? "off" : "info";
            set("defaultLogLevel", level);
            set("logFile", "System.err");
            set("showThreadName", "false");
            set("showLogName", "false");
            set("showShortLogName", "false");
            set("levelInBrackets", "false");
            if (!s.once()) {
                set("showDateTime", "true");
                set("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
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
