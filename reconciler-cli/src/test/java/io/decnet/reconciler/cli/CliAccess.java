package io.decnet.reconciler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command for tests in other packages (the parity suite): in this JVM ({@link Cli}) or as the packaged
 * launcher's process ({@link CliProcess}), with an empty environment besides the arguments.
 */
public final class CliAccess {
    private CliAccess() {
    }

    /** {@code Main.run} in this JVM with captured output. */
    public static Outcome inProcess(String... args) {
        Cli.Result r = Cli.run(Map.of(), args);
        return new Outcome(r.code(), r.out(), r.err());
    }

    /** The shaded jar as a process in {@code workDir} (system property {@code fleet.cli.jar}, set by failsafe). */
    public static Outcome packaged(Path workDir, String... args) throws IOException, InterruptedException {
        Cli.Result r = CliProcess.run(workDir, Map.of(), args);
        return new Outcome(r.code(), r.out(), r.err());
    }

    /** Exit code, stdout, stderr. */
    public record Outcome(int code, String out, String err) {
    }
}
