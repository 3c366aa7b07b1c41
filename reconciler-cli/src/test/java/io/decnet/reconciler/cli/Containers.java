package io.decnet.reconciler.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real containers on the test engine ({@code FLEET_IT_DOCKER_HOST}, image {@code FLEET_IT_DOCKER_IMAGE}), made
 * with the docker CLI and labelled so that {@code scripts/services/docker.sh stop} sweeps up after a broken run.
 */
final class Containers implements AutoCloseable {
    private final String dockerHost;
    private final String image;
    private final List<String> made = new ArrayList<>();

    Containers(String dockerHost, String image) {
        this.dockerHost = dockerHost;
        this.image = image;
    }

    void running(String name) {
        docker("run", "-d", "--network", "none", "--label", "io.decnet.fleet-it=1", "--name", name, image,
                "/bin/sleep", "3600");
        made.add(name);
    }

    void exited(String name) {
        docker("run", "--network", "none", "--label", "io.decnet.fleet-it=1", "--name", name, image, "/bin/true");
        made.add(name);
    }

    void kill(String name) {
        docker("kill", name);
        docker("wait", name);
    }

    @Override
    public void close() {
        if (!made.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(made);
            docker(args.toArray(String[]::new));
            made.clear();
        }
    }

    private String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("docker-cli", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
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
