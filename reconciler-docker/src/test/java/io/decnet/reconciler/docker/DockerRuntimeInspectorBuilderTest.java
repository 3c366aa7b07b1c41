package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerRuntimeInspector.Builder#build()} accepts what the docker CLI accepts and names what is wrong. */
class DockerRuntimeInspectorBuilderTest {

    @TempDir
    Path dir;

    @Test
    void withoutSettingsItTargetsTheStandardSocket() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().build()) {
            assertThat(inspector.dockerHost()).hasToString("unix:///var/run/docker.sock");
        }
    }

    @Test
    void anUnsupportedSchemeIsRejectedNamingTheValueAndTheSupportedOnes() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("ssh://admin@fleet-01").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dockerHost 'ssh://admin@fleet-01' uses the unsupported scheme 'ssh'; supported: "
                        + "unix://<absolute socket path> or tcp://<host>[:<port>]");
    }

    @Test
    void aBlankHostIsRejected() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost(" ").build())
                .hasMessageStartingWith("dockerHost must not be blank; supported: unix://");
    }

    @Test
    void aHostWithoutSchemeIsRejected() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("fleet-01:2375").build())
                .hasMessageContaining("dockerHost 'fleet-01:2375'").hasMessageContaining("supported");
    }

    @Test
    void aUnixAddressWithARelativePathIsRejectedWithTheFormToUse() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("unix://run/docker.sock").build())
                .hasMessage("dockerHost 'unix://run/docker.sock' does not name an absolute socket path; "
                        + "write it as unix:///path/to/docker.sock");
    }

    @Test
    void aSocketPathLongerThanTheSystemAllowsIsRejected() {
        String longPath = "/" + "d".repeat(120) + "/docker.sock";
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("unix://" + longPath).build())
                .hasMessageContaining("over the system's limit of 107").hasMessageContaining(longPath);
    }

    @Test
    void anAbsolutePathAndAUnixSocketPathAreTakenAsUnixSockets() {
        try (DockerRuntimeInspector byPath = DockerRuntimeInspector.builder().dockerHost("/run/docker.sock").build();
                DockerRuntimeInspector bySocket = DockerRuntimeInspector.builder()
                        .unixSocket(Path.of("/run/docker.sock")).build()) {
            assertThat(byPath.dockerHost()).hasToString("unix:///run/docker.sock");
            assertThat(bySocket.dockerHost()).hasToString("unix:///run/docker.sock");
        }
    }

    @Test
    void aTcpHostWithoutPortGetsDockersPlainPort() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5").build()) {
            assertThat(inspector.dockerHost()).hasToString("tcp://10.0.0.5:2375");
        }
    }

    @Test
    void aTcpHostWithoutHostIsRejected() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("tcp://:2375").build())
                .hasMessageContaining("names no host");
    }

    @Test
    void timeoutsOutsideTheirRangeAreRejectedNamingFieldRangeAndValue() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().connectTimeout(Duration.ZERO).build())
                .hasMessage("connectTimeout must be between 1 ms and 10 min; was PT0S");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().responseTimeout(Duration.ofHours(1)).build())
                .hasMessage("responseTimeout must be between 1 ms and 10 min; was PT1H");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().responseTimeout(null).build())
                .hasMessage("responseTimeout must be between 1 ms and 10 min; was null");
    }

    @Test
    void aLabelFilterKeyMustBeNonBlankAndWithoutEqualsSign() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().labelFilter("a=b", "c"))
                .hasMessage("labelFilter key must be non-blank and contain no '='; was 'a=b'");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().labelFilter(" "))
                .hasMessage("labelFilter key must be non-blank and contain no '='; was ' '");
    }

    @Test
    void tlsOnAUnixSocketIsRejected() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("unix:///run/docker.sock").tls(certs)
                .build()).hasMessage("tls applies to tcp:// hosts only; dockerHost is unix:///run/docker.sock");
    }

    @Test
    void tlsWithAMissingCertificateDirectoryIsRejectedNamingIt() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5").tls(missing).build())
                .hasMessage("tls certificate directory " + missing + " does not exist");
    }

    @Test
    void tlsWithoutCaPemIsRejectedNamingTheFile() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5").tls(certs).build())
                .hasMessageStartingWith("tls certificate directory " + certs + " has no readable ca.pem");
    }

    @Test
    void tlsWithACertificateButNoKeyIsRejected() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.write(certs, "127.0.0.1");
        Files.delete(certs.resolve("key.pem"));
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5").tls(certs).build())
                .hasMessage("tls certificate directory " + certs
                        + " must hold both cert.pem and key.pem, or neither; found only cert.pem");
    }

    @Test
    void tlsWithGarbageInCaPemIsRejectedNamingTheDirectory() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5").tls(certs).build())
                .hasMessageStartingWith("cannot load TLS material from " + certs);
    }

    @Test
    void tlsUsesDockersTlsPortWhenTheHostHasNone() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.write(certs, "127.0.0.1");
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost("tcp://10.0.0.5")
                .tls(certs).build()) {
            assertThat(inspector.dockerHost()).hasToString("tcp://10.0.0.5:2376");
        }
    }

    @Test
    void theEnvironmentIsReadLikeTheDockerCli() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.write(certs, "127.0.0.1");
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().environment(Map.of(
                "DOCKER_HOST", "tcp://fleet-01", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()))
                .build()) {
            assertThat(inspector.dockerHost()).hasToString("tcp://fleet-01:2376");
        }
    }

    @Test
    void anEmptyEnvironmentMeansTheStandardSocket() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().environment(Map.of()).build()) {
            assertThat(inspector.dockerHost()).hasToString("unix:///var/run/docker.sock");
        }
    }

    @Test
    void aBadDockerHostVariableIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().environment(Map.of("DOCKER_HOST", "npipe:////./pipe/docker"))
                .build()).hasMessageStartingWith("DOCKER_HOST 'npipe:////./pipe/docker' uses the unsupported scheme");
    }

    @Test
    void tlsVerifyFromTheEnvironmentWithoutCertificatesIsRejectedNamingTheDirectory() {
        Path nowhere = dir.resolve("no-certs");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().environment(Map.of("DOCKER_HOST", "tcp://fleet-01",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", nowhere.toString())).build())
                .hasMessage("tls certificate directory " + nowhere + " does not exist");
    }

    @Test
    void tlsVerifyFromTheEnvironmentIsIgnoredForAUnixSocketAsTheCliDoes() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().environment(Map.of(
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.resolve("none").toString())).build()) {
            assertThat(inspector.dockerHost()).hasToString("unix:///var/run/docker.sock");
        }
    }

    @Test
    void explicitSettingsWinOverTheEnvironmentWhateverTheOrder() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost("unix:///run/a.sock")
                .environment(Map.of("DOCKER_HOST", "unix:///run/b.sock")).build()) {
            assertThat(inspector.dockerHost()).hasToString("unix:///run/a.sock");
        }
    }

    @Test
    void aDockerContextOtherThanDefaultIsRejectedUnlessDockerHostIsSet() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().environment(Map.of("DOCKER_CONTEXT", "remote"))
                .build()).hasMessage("DOCKER_CONTEXT 'remote' is not supported; set DOCKER_HOST (or dockerHost) "
                        + "to the daemon's address instead");
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder()
                .environment(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_HOST", "unix:///run/c.sock")).build()) {
            assertThat(inspector.dockerHost()).hasToString("unix:///run/c.sock");
        }
    }

    @Test
    void buildingConnectsToNothingSoAnAbsentDaemonIsNotABuildError() {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder()
                .unixSocket(dir.resolve("absent.sock")).build()) {
            assertThat(inspector.toString()).isEqualTo("DockerRuntimeInspector[unix://" + dir.resolve("absent.sock") + "]");
        }
    }
}
