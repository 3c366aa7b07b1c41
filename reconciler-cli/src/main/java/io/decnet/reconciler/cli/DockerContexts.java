package io.decnet.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Docker contexts, read the way the docker CLI reads them: the context is {@code DOCKER_CONTEXT}, else the
 * {@code currentContext} of {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker}); {@code default} means
 * no context. A named context's endpoint is {@code Endpoints.docker.Host} of
 * {@code contexts/meta/<sha256 of the name>/meta.json}, its TLS material {@code contexts/tls/<sha256>/docker/}.
 * {@code DOCKER_HOST} and {@code --docker-host} win over any context, as for the CLI. Stateless.
 */
final class DockerContexts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerContexts() {
    }

    /**
     * The docker endpoint of a named context.
     *
     * @param name the context's name
     * @param origin where the name came from, for messages ({@code DOCKER_CONTEXT} or the config file)
     * @param host its {@code Endpoints.docker.Host}
     * @param tls the directory with its {@code ca.pem}, {@code cert.pem}, {@code key.pem}, or {@code null}
     */
    record Endpoint(String name, String origin, String host, Path tls) {
    }

    /** The endpoint of the context {@code env} selects; empty for the default context. */
    static Optional<Endpoint> selected(Map<String, String> env) {
        Path config = configDir(env);
        String name = nonBlank(env.get("DOCKER_CONTEXT"));
        String origin = "DOCKER_CONTEXT";
        if (name == null) {
            name = currentContext(config.resolve("config.json"));
            origin = "currentContext of " + config.resolve("config.json");
        }
        if (name == null || name.equals("default")) {
            return Optional.empty();
        }
        String id = sha256(name);
        Path meta = config.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        JsonNode docker;
        try {
            docker = JSON.readTree(Files.readString(meta, StandardCharsets.UTF_8)).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw new UsageError("docker_unusable", "Docker context '" + name + "' (from " + origin + ") does not "
                    + "exist here: cannot read " + meta + " (" + e.getClass().getSimpleName() + "); create it with "
                    + "`docker context create`, or set --docker-host or DOCKER_HOST", e);
        }
        String host = nonBlank(docker.path("Host").asText(null));
        if (host == null) {
            throw new UsageError("docker_unusable", "Docker context '" + name + "' (from " + origin + ") has no "
                    + "docker endpoint (Endpoints.docker.Host in " + meta + "); set --docker-host or DOCKER_HOST",
                    null);
        }
        if (docker.path("SkipTLSVerify").asBoolean(false)) {
            throw new UsageError("docker_unusable", "Docker context '" + name + "' (from " + origin + ") skips TLS "
                    + "verification, which this command does not do; set --docker-host or DOCKER_HOST (with "
                    + "DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) instead", null);
        }
        Path tls = config.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        return Optional.of(new Endpoint(name, origin, host, Files.isDirectory(tls) ? tls : null));
    }

    private static Path configDir(Map<String, String> env) {
        String dir = nonBlank(env.get("DOCKER_CONFIG"));
        if (dir != null) {
            return Path.of(dir);
        }
        String home = nonBlank(env.get("HOME"));
        return Path.of(home != null ? home : System.getProperty("user.home"), ".docker");
    }

    private static String currentContext(Path configJson) {
        if (!Files.isRegularFile(configJson)) {
            return null;
        }
        try {
            return nonBlank(JSON.readTree(Files.readString(configJson, StandardCharsets.UTF_8))
                    .path("currentContext").asText(null));
        } catch (IOException e) {
            return null; // the docker CLI warns and goes on with the default context
        }
    }

    static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
