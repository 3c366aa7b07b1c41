package io.decnet.reconciler.docker.support;

import org.junit.jupiter.api.Assumptions;

/** The Docker engine started by {@code scripts/services/docker.sh}: fails in CI when missing, skips locally. */
public final class TestEngine {
    public static final String HOW_TO_START =
            "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";

    private TestEngine() {
    }

    /** {@code FLEET_IT_DOCKER_HOST}, e.g. {@code unix:///work/.services/docker/run/docker.sock}. */
    public static String dockerHost() {
        return requireEnv("FLEET_IT_DOCKER_HOST");
    }

    /** {@code FLEET_IT_DOCKER_IMAGE}: an image with {@code /bin/sleep}, {@code /bin/true}, {@code /bin/false}. */
    public static String image() {
        return requireEnv("FLEET_IT_DOCKER_IMAGE");
    }

    public static DockerCli cli() {
        return new DockerCli(dockerHost(), image());
    }

    private static String requireEnv(String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String message = "environment variable " + variable + " is not set, so there is no Docker engine to test"
                + " against; to start one: " + HOW_TO_START;
        if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).strip())) {
            throw new AssertionError(message + " (CI=true: a test that needs Docker fails instead of skipping)");
        }
        Assumptions.abort(message);
        return value;
    }
}
