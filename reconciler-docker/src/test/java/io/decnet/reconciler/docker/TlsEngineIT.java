package io.decnet.reconciler.docker;

import static io.decnet.reconciler.docker.UnreachableDaemonTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.PrivateEngine;
import io.decnet.reconciler.docker.support.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker over TLS on the real engine: a private dockerd (started with {@code scripts/services/docker.sh}) also
 * listens on loopback TCP with {@code --tlsverify} and certificates made by the test. The inspector observes it
 * with the right material, and with wrong, expired or missing material or without TLS it reports the engine
 * unreachable with the reason, within its timeouts: never a hang, never an exception.
 */
class TlsEngineIT {
    private static PrivateEngine engine;
    private static Path root;
    private static TestCertificates authority;
    private static String unixHost;
    private static String tcpHost;

    @BeforeAll
    static void startTlsEngine() throws Exception {
        TestEngine.dockerHost(); // the machine has what engines need (fails in CI, skips locally otherwise)
        engine = new PrivateEngine(Path.of("target", "tls"));
        root = Files.createDirectories(Path.of("target", "tls-certs").toAbsolutePath());
        Path server = Files.createDirectories(root.resolve("server"));
        authority = TestCertificates.write(Files.createDirectories(root.resolve("client")), "127.0.0.1");
        authority.writeServer(server);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        tcpHost = "tcp://127.0.0.1:" + port;
        engine.script("stop");
        engine.script("start", Map.of("FLEET_DOCKER_TLS_TCP", "127.0.0.1:" + port, "FLEET_DOCKER_TLS_DIR",
                server.toString()));
        unixHost = engine.host();
    }

    @AfterAll
    static void stopTlsEngine() throws Exception {
        if (engine != null) {
            engine.script("stop");
        }
    }

    @Test
    void theRightClientCertificateObservesTheEngineOverTls() {
        DockerCli docker = new DockerCli(unixHost, TestEngine.image());
        try {
            docker.running("decky-tls-ssh");
            try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(tcpHost)
                    .tls(root.resolve("client")).build()) {
                RuntimeObservation observation = inspector.observe();

                assertThat(observation).isInstanceOf(RuntimeObservation.Observed.class);
                assertThat(((RuntimeObservation.Observed) observation).containers())
                        .containsEntry("decky-tls-ssh", ContainerStatus.RUNNING);
            }
        } finally {
            docker.removeAllMade();
        }
    }

    @Test
    void aClientCertificateOfAnotherAuthorityIsUnreachableBecauseTlsFailed() throws IOException {
        Path other = Files.createDirectories(root.resolve("other"));
        TestCertificates.write(other, "127.0.0.1");

        assertUnreachable(other, "TLS with docker daemon at " + tcpHost + " failed: ");
    }

    @Test
    void anExpiredClientCertificateIsUnreachableBecauseTlsFailed() throws IOException {
        Path expired = Files.createDirectories(root.resolve("expired"));
        authority.writeClient(expired, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));

        // The engine refuses the certificate after the client's side of the handshake: the client sees the alert, or
        // (TLS 1.3) only the connection reset that follows it. Either way: unreachable, with the reason.
        assertUnreachable(expired, "");
    }

    @Test
    void noTlsAtAllAgainstATlsEngineIsUnreachableNotAHang() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(tcpHost)
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(3)).build()) {
            long start = System.nanoTime();
            String reason = reasonOf(inspector.observe());

            assertThat(reason).contains("docker daemon at " + tcpHost);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void missingClientMaterialIsAClearErrorNamingTheFiles() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        try {
            DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(tcpHost).tls(empty)
                    .build();
            try (inspector) {
                assertThat(reasonOf(inspector.observe())).contains("docker daemon at " + tcpHost);
            }
        } catch (IllegalArgumentException | io.decnet.reconciler.api.ReconcilerException refused) {
            assertThat(refused.getMessage()).contains(empty.toString()).containsAnyOf("ca.pem", "cert.pem", "key.pem");
        }
    }

    private static void assertUnreachable(Path certs, String reasonStart) {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(tcpHost).tls(certs)
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(3)).build()) {
            long start = System.nanoTime();
            String reason = reasonOf(inspector.observe());

            assertThat(reason).startsWith(reasonStart).contains("docker daemon at " + tcpHost);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
