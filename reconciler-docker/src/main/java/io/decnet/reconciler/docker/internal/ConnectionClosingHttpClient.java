package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.Objects;

/**
 * Asks the daemon to close each connection after its reply. An observation every few seconds or minutes gains
 * nothing from a kept-alive connection, and a pooled one goes stale when the daemon restarts (the next request
 * then fails or is retried); a fresh connection per request also means nothing stays open between observations.
 *
 * <p>Thread-safe if the delegate is.
 */
public final class ConnectionClosingHttpClient implements DockerHttpClient {
    private final DockerHttpClient delegate;

    public ConnectionClosingHttpClient(DockerHttpClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Response execute(Request request) {
        return delegate.execute(Request.builder().from(request).putHeader("Connection", "close").build());
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
