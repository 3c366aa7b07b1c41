package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.FakeDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a daemon can fail becomes an unreachable observation with a reason, within the deadline. The daemons
 * here are real sockets (unix and loopback TCP) that misbehave on purpose; no Docker engine is needed.
 */
class UnreachableDaemonTest {
    private static final Duration SHORT = Duration.ofMillis(400);

    @TempDir
    Path dir;

    @Test
    void aSocketPathWithNothingThereIsUnreachableBecauseTheSocketDoesNotExist() {
        Path missing = dir.resolve("missing.sock");
        try (DockerRuntimeInspector inspector = inspectorAt("unix://" + missing)) {
            assertThat(reasonOf(inspector.observe()))
                    .isEqualTo("docker daemon at unix://" + missing + " unreachable: socket " + missing
                            + " does not exist");
        }
    }

    @Test
    void aSocketFileThatNobodyListensOnIsUnreachableBecauseTheConnectionIsRefused() throws IOException {
        Path stale = dir.resolve("stale.sock");
        // Bind, then close: the file stays, like the socket of a daemon that was killed.
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(Files.exists(stale)).isTrue();
        try (DockerRuntimeInspector inspector = inspectorAt("unix://" + stale)) {
            assertThat(reasonOf(inspector.observe()))
                    .isEqualTo("docker daemon at unix://" + stale + " unreachable: connection refused");
        }
    }

    @Test
    void aTcpPortThatNobodyListensOnIsUnreachableBecauseTheConnectionIsRefused() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (DockerRuntimeInspector inspector = inspectorAt("tcp://127.0.0.1:" + port)) {
            assertThat(reasonOf(inspector.observe()))
                    .isEqualTo("docker daemon at tcp://127.0.0.1:" + port + " unreachable: connection refused");
        }
    }

    @Test
    void aUnixDaemonThatAcceptsAndNeverAnswersIsUnreachableWithinTheDeadline() throws IOException {
        try (FakeDaemon daemon = FakeDaemon.silentUnix(dir.resolve("silent.sock"));
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            long start = System.nanoTime();
            RuntimeObservation observation = inspector.observe();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reasonOf(observation))
                    .isEqualTo("docker daemon at " + daemon.address() + " did not answer within 800ms");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(750)).isLessThan(Duration.ofSeconds(3));
            assertThat(daemon.accepted()).isEqualTo(1);
        }
    }

    @Test
    void theConnectionToADaemonThatNeverAnsweredIsClosedWhenTheObservationGivesUp() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.silentUnix(dir.resolve("silent.sock"));
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            inspector.observe();
            inspector.observe();

            // The daemon's end sees EOF once the client closes; give the worker a moment to unwind.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (daemon.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(daemon.accepted()).isEqualTo(2);
        }
    }

    @Test
    void aTcpDaemonThatAcceptsAndNeverAnswersIsUnreachableWithinTheDeadline() throws IOException {
        try (FakeDaemon daemon = FakeDaemon.tcp(FakeDaemon.Behaviour.SILENT, "");
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            long start = System.nanoTime();
            String reason = reasonOf(inspector.observe());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // The transport's read timeout (400ms) ends a TCP wait, normally before the overall deadline (800ms).
            assertThat(reason).matches("docker daemon at " + daemon.address() + " did not answer within (400|800)ms");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(350)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anHttp500IsUnreachableAndTheReasonCarriesTheStatusAndTheDaemonsMessage() throws IOException {
        Seen seen = observeDaemonReplying(
                FakeDaemon.http(500, "Internal Server Error", "{\"message\":\"layer store is broken\"}"));

        assertThat(seen.reason()).isEqualTo(seen.daemon() + " answered HTTP 500: layer store is broken");
    }

    @Test
    void anHttp503IsUnreachableToo() throws IOException {
        Seen seen = observeDaemonReplying(
                FakeDaemon.http(503, "Service Unavailable", "{\"message\":\"shutting down\"}"));

        assertThat(seen.reason()).isEqualTo(seen.daemon() + " answered HTTP 503: shutting down");
    }

    @Test
    void aReplyThatIsNotJsonIsUnreachableBecauseItIsMalformed() throws IOException {
        Seen seen = observeDaemonReplying(FakeDaemon.http(200, "OK", "<html>this is not docker</html>"));

        assertThat(seen.reason()).startsWith(seen.daemon() + " sent a malformed reply: Unexpected character ('<'");
    }

    @Test
    void aJsonReplyOfTheWrongShapeIsUnreachableBecauseItIsMalformed() throws IOException {
        Seen seen = observeDaemonReplying(FakeDaemon.http(200, "OK", "{\"containers\": 3}"));

        assertThat(seen.reason()).startsWith(seen.daemon() + " sent a malformed reply: Cannot deserialize");
    }

    @Test
    void aNullReplyIsUnreachableBecauseItIsMalformed() throws IOException {
        Seen seen = observeDaemonReplying(FakeDaemon.http(200, "OK", "null"));

        assertThat(seen.reason()).isEqualTo(seen.daemon() + " sent a malformed reply: the container list is null");
    }

    @Test
    void aReplyCutShortIsUnreachable() throws IOException {
        String body = "[{\"Id\":\"abc\",\"Names\":[\"/decky-01-ssh\"],\"State\":\"running\"}]";
        String reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 50)
                + "\r\n\r\n" + body;
        try (FakeDaemon daemon = FakeDaemon.replyingUnix(dir.resolve("cut.sock"), reply);
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            assertThat(reasonOf(inspector.observe())).startsWith("docker daemon at " + daemon.address());
        }
    }

    @Test
    void aDaemonThatHangsUpWithoutAnsweringIsUnreachable() throws IOException {
        try (FakeDaemon daemon = FakeDaemon.hangingUpUnix(dir.resolve("hangup.sock"));
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            assertThat(reasonOf(inspector.observe()))
                    .isEqualTo("docker daemon at " + daemon.address() + " closed the connection without answering");
            // httpclient5 retries an idempotent GET once when the peer drops it unanswered (docker-java's transport
            // offers no switch for that); the retry stays inside the same deadline.
            assertThat(daemon.accepted()).as("connections").isEqualTo(2);
        }
    }

    @Test
    void aWellFormedReplyFromAnyDaemonIsObserved() throws IOException {
        String body = "[{\"Id\":\"abc\",\"Names\":[\"/decky-01-ssh\"],\"State\":\"running\",\"Status\":\"Up 1 second\"},"
                + "{\"Id\":\"def\",\"Names\":[\"/decky-01-smtp-relay\"],\"State\":\"exited\",\"Status\":\"Exited (1)\"}]";
        try (FakeDaemon daemon = FakeDaemon.replyingUnix(dir.resolve("ok.sock"), FakeDaemon.http(200, "OK", body));
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            RuntimeObservation observation = inspector.observe();

            assertThat(observation).isInstanceOf(RuntimeObservation.Observed.class);
            assertThat(((RuntimeObservation.Observed) observation).containers())
                    .containsOnlyKeys("decky-01-ssh", "decky-01-smtp-relay");
        }
    }

    @Test
    void aClosedInspectorReportsItselfClosedInsteadOfThrowing() {
        DockerRuntimeInspector inspector = inspectorAt("unix://" + dir.resolve("any.sock"));
        inspector.close();
        inspector.close();

        assertThat(reasonOf(inspector.observe())).isEqualTo(
                "docker inspector for unix://" + dir.resolve("any.sock") + " is closed");
    }

    @Test
    void closingTheInspectorEndsAnObservationThatIsWaitingOnASilentDaemon() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.silentUnix(dir.resolve("silent.sock"))) {
            DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(daemon.address())
                    .responseTimeout(Duration.ofSeconds(60)).build();
            java.util.concurrent.CompletableFuture<RuntimeObservation> pending =
                    java.util.concurrent.CompletableFuture.supplyAsync(inspector::observe);
            while (daemon.accepted() == 0) {
                Thread.sleep(10);
            }

            inspector.close();

            RuntimeObservation observation = pending.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reasonOf(observation)).isEqualTo(
                    "docker inspector for " + daemon.address() + " was closed during the observation");
        }
    }

    /** What an inspector reports of a daemon that answers every request with {@code rawHttp}. */
    private Seen observeDaemonReplying(String rawHttp) throws IOException {
        try (FakeDaemon daemon = FakeDaemon.replyingUnix(dir.resolve("reply.sock"), rawHttp);
                DockerRuntimeInspector inspector = inspectorAt(daemon.address())) {
            return new Seen("docker daemon at " + daemon.address(), reasonOf(inspector.observe()));
        }
    }

    /** @param daemon how reasons name the daemon ({@code docker daemon at unix://...}) */
    private record Seen(String daemon, String reason) {
    }

    private static DockerRuntimeInspector inspectorAt(String host) {
        return DockerRuntimeInspector.builder().dockerHost(host)
                .connectTimeout(SHORT).responseTimeout(SHORT).build();
    }

    static String reasonOf(RuntimeObservation observation) {
        assertThat(observation).isInstanceOf(RuntimeObservation.Unreachable.class);
        return ((RuntimeObservation.Unreachable) observation).reason();
    }
}
