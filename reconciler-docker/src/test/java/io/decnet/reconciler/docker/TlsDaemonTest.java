package io.decnet.reconciler.docker;

import static io.decnet.reconciler.docker.UnreachableDaemonTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.FakeDaemon;
import io.decnet.reconciler.docker.support.TlsFakeDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS in the docker CLI's layout, against a TLS daemon on loopback that demands a client certificate. */
class TlsDaemonTest {
    private static final String LIST = FakeDaemon.http(200, "OK",
            "[{\"Id\":\"abc\",\"Names\":[\"/decky-01-ssh\"],\"State\":\"running\",\"Status\":\"Up 2 hours\"}]");

    @TempDir
    Path dir;

    @Test
    void aDaemonWhoseCertificateChainsToCaPemIsObservedOverTls() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates material = TestCertificates.write(certs, "127.0.0.1");
        try (TlsFakeDaemon daemon = new TlsFakeDaemon(material.serverContext(), LIST);
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(daemon.address())
                        .tls(certs).build()) {
            RuntimeObservation observation = inspector.observe();

            assertThat(observation).isInstanceOf(RuntimeObservation.Observed.class);
            assertThat(((RuntimeObservation.Observed) observation).containers())
                    .containsExactlyEntriesOf(java.util.Map.of("decky-01-ssh", ContainerStatus.RUNNING));
            assertThat(daemon.served()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestCertificates.KeyFormat.class)
    void clientKeysInEachPemFormatOpensslWritesAreAccepted(TestCertificates.KeyFormat format) throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs-" + format));
        TestCertificates material = TestCertificates.write(certs, "127.0.0.1", format);
        assertThat(Files.readString(certs.resolve("key.pem"))).contains(switch (format) {
            case EC -> "BEGIN EC PRIVATE KEY";
            case RSA_PKCS1 -> "BEGIN RSA PRIVATE KEY";
            case RSA_PKCS8 -> "BEGIN PRIVATE KEY";
        });
        try (TlsFakeDaemon daemon = new TlsFakeDaemon(material.serverContext(), LIST);
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(daemon.address())
                        .tls(certs).build()) {
            assertThat(inspector.observe()).isInstanceOf(RuntimeObservation.Observed.class);
            assertThat(daemon.served()).isEqualTo(1);
        }
    }

    @Test
    void aDaemonWhoseCertificateIsFromAnotherAuthorityIsUnreachableBecauseTlsFailed() throws IOException {
        Path daemonCerts = Files.createDirectories(dir.resolve("daemon"));
        Path otherCerts = Files.createDirectories(dir.resolve("other"));
        TestCertificates daemonMaterial = TestCertificates.write(daemonCerts, "127.0.0.1");
        TestCertificates.write(otherCerts, "127.0.0.1");
        try (TlsFakeDaemon daemon = new TlsFakeDaemon(daemonMaterial.serverContext(), LIST);
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(daemon.address())
                        .tls(otherCerts).connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThat(reasonOf(inspector.observe()))
                    .startsWith("TLS with docker daemon at " + daemon.address() + " failed: ");
            assertThat(daemon.served()).isZero();
        }
    }

    @Test
    void aDaemonThatNeverAnswersTheTlsHandshakeIsUnreachableWithinTheConnectTimeout() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.write(certs, "127.0.0.1");
        try (FakeDaemon silent = FakeDaemon.tcp(FakeDaemon.Behaviour.SILENT, "");
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(silent.address())
                        .tls(certs).connectTimeout(Duration.ofMillis(500)).build()) {
            assertThat(reasonOf(inspector.observe())).isEqualTo(
                    "docker daemon at " + silent.address() + " unreachable: connecting timed out after 500ms");
        }
    }

    @Test
    void aPlainHttpDaemonSpokenToWithTlsIsUnreachableBecauseTlsFailed() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.write(certs, "127.0.0.1");
        try (FakeDaemon plain = FakeDaemon.tcp(FakeDaemon.Behaviour.REPLY_AT_ONCE, LIST);
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(plain.address())
                        .tls(certs).connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThat(reasonOf(inspector.observe()))
                    .startsWith("TLS with docker daemon at " + plain.address() + " failed: ");
        }
    }
}
