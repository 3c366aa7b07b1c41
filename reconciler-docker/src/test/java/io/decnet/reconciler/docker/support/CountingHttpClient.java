package io.decnet.reconciler.docker.support;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps the inspector's transport and records every HTTP request it makes ({@code METHOD path}). */
public final class CountingHttpClient implements DockerHttpClient {
    private final DockerHttpClient delegate;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public CountingHttpClient(DockerHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response execute(Request request) {
        requests.add(request.method() + " " + request.path());
        return delegate.execute(request);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** Requests made so far, oldest first (a copy). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int count() {
        return requests.size();
    }
}
