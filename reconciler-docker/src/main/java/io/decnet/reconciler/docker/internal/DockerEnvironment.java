package io.decnet.reconciler.docker.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Docker settings of a process environment, read the way the docker CLI reads them: {@code DOCKER_HOST}
 * (default {@code unix:///var/run/docker.sock}), {@code DOCKER_TLS_VERIFY} (any non-empty value turns TLS with
 * server verification on) and {@code DOCKER_CERT_PATH} (default {@code $DOCKER_CONFIG}, else {@code ~/.docker}).
 *
 * <p>Immutable and thread-safe.
 */
public final class DockerEnvironment {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final Map<String, String> env;
    private final String userHome;

    private DockerEnvironment(Map<String, String> env, String userHome) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /**
     * @param env the variables (e.g. {@code System.getenv()})
     * @param userHome the home directory to fall back on when {@code env} has no {@code HOME}
     */
    public static DockerEnvironment of(Map<String, String> env, String userHome) {
        Objects.requireNonNull(env, "env");
        java.util.HashMap<String, String> copy = new java.util.HashMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return new DockerEnvironment(copy, userHome);
    }

    /** {@code DOCKER_HOST}, or the CLI's default. */
    public String host() {
        return value("DOCKER_HOST").orElse(DEFAULT_HOST);
    }

    /** Whether {@code DOCKER_HOST} is set. */
    public boolean hostIsSet() {
        return value("DOCKER_HOST").isPresent();
    }

    /** Like the docker CLI: {@code DOCKER_TLS_VERIFY} set to anything non-empty means TLS with verification. */
    public boolean tlsVerify() {
        return env.containsKey("DOCKER_TLS_VERIFY") && !env.get("DOCKER_TLS_VERIFY").isEmpty();
    }

    /** {@code DOCKER_CERT_PATH}, else {@code $DOCKER_CONFIG}, else {@code ~/.docker}. */
    public Path certPath() {
        return value("DOCKER_CERT_PATH")
                .or(() -> value("DOCKER_CONFIG"))
                .map(Path::of)
                .orElseGet(() -> Path.of(value("HOME").orElse(userHome), ".docker"));
    }

    /** {@code DOCKER_CONTEXT}, when it names a context other than the default one. */
    public Optional<String> nonDefaultContext() {
        return value("DOCKER_CONTEXT").filter(c -> !c.equals("default"));
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
