package io.decnet.reconciler.docker.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI against the test engine, for making and breaking real containers. Every call has a timeout and
 * every container it makes carries {@link #TEST_LABEL}, so {@code scripts/services/docker.sh stop} can sweep up
 * after an interrupted run.
 */
public final class DockerCli {
    public static final String TEST_LABEL_KEY = "io.decnet.fleet-it";
    public static final String TEST_LABEL = TEST_LABEL_KEY + "=1";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String dockerHost;
    private final String image;
    private final List<String> made = new ArrayList<>();

    public DockerCli(String dockerHost, String image) {
        this.dockerHost = dockerHost;
        this.image = image;
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** {@code docker run -d} of a long sleep: a running container. */
    public void running(String name, String... labels) {
        create(name, labels, "/bin/sleep", "3600");
        docker("start", name);
    }

    /** A container that ran and exited with status 0. */
    public void exited(String name, String... labels) {
        create(name, labels, "/bin/true");
        docker("start", name);
        waitForState(name, "exited", Duration.ofSeconds(30));
    }

    /** A container that was created and never started. */
    public void created(String name, String... labels) {
        create(name, labels, "/bin/sleep", "3600");
    }

    /** A running container, paused. */
    public void paused(String name, String... labels) {
        running(name, labels);
        docker("pause", name);
    }

    /** A container that crashes at once under {@code --restart always}: Docker shows it restarting between runs. */
    public void restarting(String name, String... labels) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--network", "none", "--restart", "always",
                "--label", TEST_LABEL, "--name", name));
        for (String label : labels) {
            args.add("--label");
            args.add(label);
        }
        args.addAll(List.of(image, "/bin/false"));
        docker(args.toArray(String[]::new));
        made.add(name);
        waitForState(name, "restarting", Duration.ofSeconds(30));
    }

    /** {@code docker kill}: the container exits (137) and stays. */
    public void kill(String name) {
        docker("kill", name);
        waitForState(name, "exited", Duration.ofSeconds(30));
    }

    /** {@code docker rm -f}. */
    public void remove(String name) {
        docker("rm", "-f", name);
        made.remove(name);
    }

    /** Docker's {@code State} of the container, as the CLI reports it. */
    public String state(String name) {
        return docker("inspect", "--format", "{{.State.Status}}", name).strip();
    }

    public void waitForState(String name, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = state(name);
        while (!last.equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("container " + name + " is " + last + ", not " + state + " after " + timeout);
            }
            sleep(50);
            last = state(name);
        }
    }

    /** Removes every container this instance made, a few at a time (this engine wedges under mass removal). */
    public void removeAllMade() {
        List<String> names = List.copyOf(made);
        made.clear();
        removeQuietly(names, 4);
    }

    /** Removes {@code names} with at most {@code parallelism} CLI calls at once; failures are ignored. */
    public void removeQuietly(List<String> names, int parallelism) {
        if (names.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < names.size(); i += 16) {
                List<String> batch = names.subList(i, Math.min(names.size(), i + 16));
                done.add(pool.submit(() -> {
                    List<String> args = new ArrayList<>(List.of("rm", "-f"));
                    args.addAll(batch);
                    run(args.toArray(String[]::new));
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("removing test containers failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void create(String name, String[] labels, String... command) {
        List<String> args = new ArrayList<>(List.of("create", "--network", "none", "--label", TEST_LABEL,
                "--name", name));
        for (String label : labels) {
            args.add("--label");
            args.add(label);
        }
        args.add(image);
        args.addAll(Arrays.asList(command));
        docker(args.toArray(String[]::new));
        made.add(name);
    }

    /** Runs the docker CLI; fails with its output when it exits non-zero. */
    public String docker(String... args) {
        Result r = run(args);
        if (r.exitCode != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " exited " + r.exitCode + ": "
                    + r.output);
        }
        return r.output;
    }

    private Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            // Read on this thread; a hung CLI is killed by the timeout below, which ends the stream.
            Future<byte[]> reader = readAsync(p);
            if (!p.waitFor(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " did not finish in " + CALL_TIMEOUT);
            }
            out = reader.get(10, TimeUnit.SECONDS);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("docker " + String.join(" ", args) + ": " + e, e);
        }
    }

    private static Future<byte[]> readAsync(Process p) {
        java.util.concurrent.CompletableFuture<byte[]> f = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }, "docker-cli-reader");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
