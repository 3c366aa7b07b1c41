package io.decnet.reconciler.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shaded {@code fleet-reconciler.jar} run as a real process, as {@code bin/fleet-reconciler} runs it. */
final class CliProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Path jar() {
        String jar = System.getProperty("fleet.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property fleet.cli.jar must name the shaded jar (failsafe sets "
                    + "it after `package`), was " + jar);
        }
        return Path.of(jar);
    }

    static CliProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of(), args);
    }

    /** Starts it with JVM options, e.g. those {@code bin/fleet-reconciler} gives. */
    static CliProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "cli", ".out");
        Path err = Files.createTempFile(workDir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DECNET_STATE_FILE");
        pb.environment().remove("DECNET_DB_URL");
        pb.environment().remove("DOCKER_HOST");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return new CliProcess(p, out, err);
    }

    /** Runs to the end (at most two minutes). */
    static Cli.Result run(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        CliProcess p = start(workDir, env, args);
        return p.await(120);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (what {@code systemctl stop} and {@code docker stop} send; SIGINT takes the same path). */
    void terminate() {
        process.destroy();
    }

    String stderrSoFar() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** A condition a test waits for. */
    interface Check {
        boolean ok() throws Exception;
    }

    /**
     * Polls {@code check} every 20 ms until it holds; fails, naming {@code what} and showing the tail of stderr, if
     * it does not within {@code seconds}.
     */
    void awaitUntil(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " within " + seconds + " s; stderr:\n" + stderrTail());
            }
            Thread.sleep(20);
        }
    }

    /** The last 30 lines of stderr so far, for an assertion's message. */
    String stderrTail() throws IOException {
        java.util.List<String> lines = stderrSoFar().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The body of {@code GET http://127.0.0.1:port/path} (the health server of a long-lived run). */
    static String httpGet(int port, String path) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(5)).build();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    Cli.Result await(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("fleet-reconciler did not end within " + seconds + " s; stderr:\n"
                    + stderrSoFar());
        }
        return new Cli.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
