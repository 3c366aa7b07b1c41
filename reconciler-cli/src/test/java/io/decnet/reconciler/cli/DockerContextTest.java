package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOCKER_CONTEXT and config.json's currentContext name the daemon, as for the docker CLI, or fail clearly. */
class DockerContextTest {
    @TempDir
    Path dir;

    private Path context(String name, String host) throws Exception {
        Path meta = dir.resolve("docker-config/contexts/meta").resolve(DockerContexts.sha256(name));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        return dir.resolve("docker-config");
    }

    private JsonNode dryRun(Map<String, String> env) throws Exception {
        Path state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh");
        Cli.Result r = Cli.run(env, "reconcile", "--dry-run", "--json", "--state", state.toString(), "--db",
                "jdbc:sqlite:" + dir.resolve("decnet.db"));
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void dockerContextNamesTheDaemonOfThatContext() throws Exception {
        String socket = "unix://" + dir.resolve("remote.sock");
        Path config = context("remote", socket);

        JsonNode json = dryRun(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", config.toString()));

        assertThat(json.at("/docker/host").asText()).isEqualTo(socket);
    }

    @Test
    void theConfigFilesCurrentContextIsUsedWithoutDockerContext() throws Exception {
        String socket = "unix://" + dir.resolve("current.sock");
        Path config = context("lab", socket);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"lab\"}");

        JsonNode json = dryRun(Map.of("DOCKER_CONFIG", config.toString()));

        assertThat(json.at("/docker/host").asText()).isEqualTo(socket);
    }

    @Test
    void dockerHostWinsOverAContextAsForTheDockerCli() throws Exception {
        Path config = context("remote", "unix://" + dir.resolve("remote.sock"));

        JsonNode json = dryRun(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", config.toString(),
                "DOCKER_HOST", "unix:///run/explicit.sock"));

        assertThat(json.at("/docker/host").asText()).isEqualTo("unix:///run/explicit.sock");
    }

    @Test
    void anUnknownContextIsAClearErrorNotTheLocalSocket() throws Exception {
        Path state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh");
        Cli.Result r = Cli.run(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", dir.toString()), "reconcile",
                "--dry-run", "--state", state.toString(), "--db", "jdbc:sqlite:" + dir.resolve("decnet.db"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("error: Docker context 'remote' (from "
                + "DOCKER_CONTEXT) does not exist here").contains("--docker-host or DOCKER_HOST");
    }

    @Test
    void aContextWithAnSshEndpointIsRejectedNamingTheContext() throws Exception {
        Path config = context("remote", "ssh://admin@decnet-2");
        Path state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh");

        Cli.Result r = Cli.run(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", config.toString()), "reconcile",
                "--dry-run", "--state", state.toString(), "--db", "jdbc:sqlite:" + dir.resolve("decnet.db"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ssh://admin@decnet-2", "Docker context 'remote' from DOCKER_CONTEXT");
    }
}
