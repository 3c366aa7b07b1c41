package io.decnet.reconciler.docker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;
import java.util.Objects;

/**
 * The docker-java client configuration for listing containers, and nothing more. docker-java's own
 * {@code DefaultDockerClientConfig} reads {@code ~/.docker/config.json} (and fails on a malformed one) and
 * {@code ~/.docker-java.properties}; a library that only lists containers has no business reading either.
 *
 * <p>The API version is left unset, so requests go to the unversioned paths and any daemon serves them at its own
 * version, without a version negotiation round trip.
 *
 * <p>Immutable and thread-safe.
 */
final class ListOnlyClientConfig implements DockerClientConfig {
    private final URI dockerHost;
    private final ObjectMapper objectMapper;

    ListOnlyClientConfig(URI dockerHost) {
        this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
        this.objectMapper = DockerClientConfig.getDefaultObjectMapper().copy();
    }

    @Override
    public URI getDockerHost() {
        return dockerHost;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.unknown();
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    /** Unused: the transport gets its TLS material directly. */
    @Override
    @SuppressWarnings("deprecation") // the interface's return type; nothing here uses it
    public SSLConfig getSSLConfig() {
        return null;
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return objectMapper;
    }
}
