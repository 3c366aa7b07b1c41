package io.decnet.reconciler.docker.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second dockerd of a test's own, run by {@code scripts/services/docker.sh} in a services directory of its own,
 * so that the test may stop, kill or reconfigure it while the shared engine the other tests use stays up.
 */
public final class PrivateEngine {
    private final Path script = Path.of("..", "scripts", "services", "docker.sh").toAbsolutePath().normalize();
    private final Path servicesDir;

    public PrivateEngine(Path servicesDir) {
        this.servicesDir = servicesDir.toAbsolutePath();
    }

    public Path servicesDir() {
        return servicesDir;
    }

    /** Runs {@code docker.sh command} with {@code env} added; returns its output, fails on a non-zero exit. */
    public String script(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), command)).redirectErrorStream(true);
        pb.environment().put("FLEET_SERVICES_DIR", servicesDir.toString());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("docker-sh-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker.sh " + command + " did not finish in 3 min");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("docker.sh " + command + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    public String script(String command) throws IOException, InterruptedException {
        return script(command, Map.of());
    }

    /** The engine's unix socket URI, as {@code docker.sh env} prints it. */
    public String host() throws IOException, InterruptedException {
        String prefix = "export FLEET_IT_DOCKER_HOST=";
        return script("env").lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow();
    }
}
