package io.decnet.reconciler.docker.support;

import io.decnet.reconciler.testkit.junit.ExternalService;

/** The Docker engine started by {@code scripts/services/docker.sh}: fails in CI when missing, skips locally. */
public final class TestEngine {
    public static final String HOW_TO_START =
            "scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";

    private TestEngine() {
    }

    /** {@code FLEET_IT_DOCKER_HOST}, e.g. {@code unix:///work/.services/docker/run/docker.sock}. */
    public static String dockerHost() {
        return ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", HOW_TO_START);
    }

    /** {@code FLEET_IT_DOCKER_IMAGE}: an image with {@code /bin/sleep}, {@code /bin/true}, {@code /bin/false}. */
    public static String image() {
        return ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", HOW_TO_START);
    }

    public static DockerCli cli() {
        return new DockerCli(dockerHost(), image());
    }
}
