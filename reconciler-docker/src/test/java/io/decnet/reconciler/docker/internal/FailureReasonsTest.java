package io.decnet.reconciler.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Translating what docker-java, httpclient5 and the JDK throw. Most cases are proven end to end against real
 * misbehaving sockets ({@code UnreachableDaemonTest}); these are the ones a test running as root cannot provoke
 * (permission denied) or that need an exact wording check.
 */
class FailureReasonsTest {
    private static final InspectorSettings UNIX = settings("unix:///var/run/docker.sock");
    private static final InspectorSettings TCP = settings("tcp://fleet-01:2375");

    @Test
    void permissionDeniedOnTheSocketIsSaidSo() {
        RuntimeException thrown = new RuntimeException(new SocketException("Permission denied"));

        assertThat(FailureReasons.describe(UNIX, thrown))
                .isEqualTo("docker daemon at unix:///var/run/docker.sock unreachable: permission denied");
    }

    @Test
    void anUnknownHostIsNamed() {
        RuntimeException thrown = new RuntimeException(new UnknownHostException("fleet-01"));

        assertThat(FailureReasons.describe(TCP, thrown))
                .isEqualTo("docker daemon at tcp://fleet-01:2375 unreachable: unknown host fleet-01");
    }

    @Test
    void aConnectTimeoutNamesTheConnectTimeoutAndAReadTimeoutTheResponseTimeout() {
        assertThat(FailureReasons.describe(TCP, new RuntimeException(new SocketTimeoutException("Connect timed out"))))
                .isEqualTo("docker daemon at tcp://fleet-01:2375 unreachable: connecting timed out after 3s");
        assertThat(FailureReasons.describe(TCP, new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("docker daemon at tcp://fleet-01:2375 did not answer within 1500ms");
    }

    @Test
    void anHttpErrorKeepsOnlyTheDaemonsSentence() {
        // docker-java puts "Status 500: " before the body itself.
        DockerException thrown = new InternalServerErrorException("{\"message\":\"disk full\"}\n");

        assertThat(FailureReasons.describe(UNIX, thrown))
                .isEqualTo("docker daemon at unix:///var/run/docker.sock answered HTTP 500: disk full");
    }

    @Test
    void anHttpErrorWithoutJsonBodyKeepsTheBodyOnOneShortLine() {
        DockerException thrown = new DockerException("bad\ngateway " + "x".repeat(500), 502);

        String reason = FailureReasons.describe(UNIX, thrown);

        assertThat(reason).startsWith("docker daemon at unix:///var/run/docker.sock answered HTTP 502: bad gateway x")
                .doesNotContain("\n").endsWith("...");
        assertThat(reason.length()).isLessThan(300);
    }

    @Test
    void anythingElseNamesTheRootCauseBriefly() {
        RuntimeException thrown = new RuntimeException(new IllegalStateException("Connection pool shut down"));

        assertThat(FailureReasons.describe(UNIX, thrown)).isEqualTo("docker daemon at unix:///var/run/docker.sock "
                + "unreachable: IllegalStateException: Connection pool shut down");
    }

    private static InspectorSettings settings(String host) {
        return new InspectorSettings(DockerEndpoint.parse("dockerHost", host, false), null, Duration.ofSeconds(3),
                Duration.ofMillis(1500), List.of(), Executors.defaultThreadFactory(), http -> http);
    }
}
