package io.decnet.reconciler.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the command in this JVM (picocli's API) with captured output and a given environment. The default Docker
 * host (no {@code --docker-host}, no {@code DOCKER_HOST}) is {@link #NO_DOCKER}, a socket that never exists, so
 * that no test depends on whether this machine runs a Docker daemon at the usual place.
 */
final class Cli {
    static final String NO_DOCKER = "unix:///nonexistent/fleet-reconciler-test/docker.sock";

    private Cli() {
    }

    static Result run(Map<String, String> env, String... args) {
        return run(env, action -> { }, args);
    }

    static Result run(Map<String, String> env, CliEnvironment.ShutdownSignal shutdown, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new CliEnvironment(env, new PrintWriter(out, true), new PrintWriter(err, true),
                shutdown, settings -> { }, NO_DOCKER));
        return new Result(code, out.toString(), err.toString());
    }

    /** The command's exit code and what it printed. */
    record Result(int code, String out, String err) {
        List<String> outLines() {
            return new ArrayList<>(out.lines().toList());
        }

        List<String> errLines() {
            return new ArrayList<>(err.lines().toList());
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
