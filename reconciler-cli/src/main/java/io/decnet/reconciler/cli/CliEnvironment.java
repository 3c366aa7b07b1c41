package io.decnet.reconciler.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the command takes from its process, injected so that tests run it in-process.
 *
 * @param vars environment variables
 * @param out standard output
 * @param err standard error
 * @param shutdown how the long-lived mode learns it must stop (SIGTERM/SIGINT in the real process)
 * @param configureLogging sets up logging once the flags are known (before any logger is created)
 * @param defaultDockerHost the Docker host used when neither {@code --docker-host} nor {@code DOCKER_HOST} names
 *     one ({@link Settings#DEFAULT_DOCKER} in the real process)
 * @param terminal whether standard output is a terminal (text output is then coloured, unless {@code NO_COLOR})
 */
record CliEnvironment(Map<String, String> vars, PrintWriter out, PrintWriter err, ShutdownSignal shutdown,
        Consumer<Settings> configureLogging, String defaultDockerHost, boolean terminal) {

    CliEnvironment(Map<String, String> vars, PrintWriter out, PrintWriter err, ShutdownSignal shutdown,
            Consumer<Settings> configureLogging, String defaultDockerHost) {
        this(vars, out, err, shutdown, configureLogging, defaultDockerHost, false);
    }

    CliEnvironment(Map<String, String> vars, PrintWriter out, PrintWriter err, ShutdownSignal shutdown,
            Consumer<Settings> configureLogging) {
        this(vars, out, err, shutdown, configureLogging, Settings.DEFAULT_DOCKER);
    }

    /** How text output may be coloured. */
    Colour colour() {
        return Colour.forOutput(terminal, vars);
    }

    /** Registers what to run when the process is asked to stop. */
    @FunctionalInterface
    interface ShutdownSignal {
        void onShutdown(Runnable action);
    }
}
