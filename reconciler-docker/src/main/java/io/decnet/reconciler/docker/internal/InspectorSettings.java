package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link DockerObserver} needs, validated by the public builder.
 *
 * <p>Immutable and thread-safe.
 *
 * @param endpoint where the daemon listens
 * @param tls TLS material, or {@code null} for a unix socket or plain TCP
 * @param connectTimeout bound on establishing a connection
 * @param responseTimeout bound on waiting for the reply
 * @param labelFilters Docker label filters ({@code key} or {@code key=value}), all of which must match
 * @param threadFactory where the worker thread comes from
 * @param httpClientDecorator wraps the transport (a test seam: counting requests); identity otherwise
 */
public record InspectorSettings(
        DockerEndpoint endpoint,
        TlsMaterial tls,
        Duration connectTimeout,
        Duration responseTimeout,
        List<String> labelFilters,
        ThreadFactory threadFactory,
        UnaryOperator<DockerHttpClient> httpClientDecorator) {

    public InspectorSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        labelFilters = List.copyOf(labelFilters);
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(httpClientDecorator, "httpClientDecorator");
    }

    /**
     * A transport to the daemon: its endpoint, TLS material and connect timeout; the caller sets how many
     * connections and the response timeout its use needs.
     */
    public ApacheDockerHttpClient.Builder transport() {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint.uri())
                .sslConfig(tls)
                .connectionTimeout(connectTimeout);
    }

    /** The longest an observation may take: connecting, then waiting for the whole reply. */
    public Duration deadline() {
        return connectTimeout.plus(responseTimeout);
    }
}
