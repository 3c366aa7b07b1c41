package io.decnet.reconciler.cli;

import java.util.ArrayList;
import java.util.List;

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

    void start(String name) {
        docker("start", name);
    }

    void pause(String name) {
        docker("pause", name);
    }

    void unpause(String name) {
        docker("unpause", name);
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
        return DockerCommand.run(dockerHost, 120, args);
    }
}
