package io.decnet.reconciler.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI against the test engine, with a deadline: for tests that make and remove real containers. */
public final class DockerCommand {
    private DockerCommand() {
    }

    /**
     * Runs {@code docker -H dockerHost args...} and returns what it printed.
     *
     * @throws IllegalStateException when it fails, does not finish within {@code timeoutSeconds}, or cannot start
     */
    public static String run(String dockerHost, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("docker-cli", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                            + timeoutSeconds + " s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                            + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
