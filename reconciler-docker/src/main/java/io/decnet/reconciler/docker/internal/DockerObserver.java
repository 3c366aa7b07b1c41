package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.RuntimeObservation;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes one Docker daemon: one {@code GET /containers/json?all=1} per observation, bounded by a deadline, every
 * failure turned into {@link RuntimeObservation.Unreachable} with a short reason.
 *
 * <p>Thread-safe; observations run one at a time on a single worker.
 */
public final class DockerObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerObserver.class);

    private final InspectorSettings settings;
    private final DockerClient client;
    private final DeadlineRunner runner;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the last observation reached the daemon; null before the first. Only for logging transitions. */
    private final AtomicReference<Boolean> lastReachable = new AtomicReference<>();

    private DockerObserver(InspectorSettings settings, DockerClient client, DeadlineRunner runner) {
        this.settings = settings;
        this.client = client;
        this.runner = runner;
    }

    /** Builds the transport and the client; nothing is connected until the first observation. */
    public static DockerObserver open(InspectorSettings settings) {
        DockerHttpClient transport = settings.transport()
                // One observation at a time needs one connection; the second is slack for a closing one.
                .maxConnections(2)
                .responseTimeout(settings.responseTimeout())
                .build();
        DockerHttpClient http = settings.httpClientDecorator().apply(new ConnectionClosingHttpClient(transport));
        DockerClient client = DockerClientImpl.getInstance(new ListOnlyClientConfig(settings.endpoint().uri()), http);
        return new DockerObserver(settings, client, new DeadlineRunner(settings.threadFactory()));
    }

    /** One list call, mapped to the port's observation: every container by name, or unreachable. */
    public RuntimeObservation observe() {
        ContainerList list = list();
        if (list instanceof ContainerList.Listed listed) {
            return RuntimeObservation.observed(ContainerStates.byName(listed.containers()));
        }
        return RuntimeObservation.unreachable(((ContainerList.Failed) list).reason());
    }

    /**
     * One {@code GET /containers/json?all=1} (with the label filters), bounded by the deadline; never throws. The
     * event cache uses it for its rebuilds and resyncs, which need the containers' IDs.
     */
    public ContainerList list() {
        DockerEndpoint endpoint = settings.endpoint();
        if (closed.get()) {
            return new ContainerList.Failed("docker inspector for " + endpoint + " is closed");
        }
        String reason;
        Throwable cause = null;
        try {
            List<Container> containers = runner.run(this::listAll, settings.deadline());
            noteReachable();
            return new ContainerList.Listed(containers);
        } catch (TimeoutException e) {
            reason = FailureReasons.timedOut(endpoint, settings.deadline());
        } catch (ExecutionException e) {
            cause = e.getCause();
            reason = closed.get()
                    ? "docker inspector for " + endpoint + " was closed during the observation"
                    : FailureReasons.describe(settings, cause);
        } catch (RejectedExecutionException e) {
            reason = closed.get()
                    ? "docker inspector for " + endpoint + " is closed"
                    : "docker daemon at " + endpoint + " is still busy with earlier observations that did not end";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "observation of docker daemon at " + endpoint + " was interrupted";
        } catch (RuntimeException e) {
            // Defensive: mapping the reply failed in a way the cases above do not cover. Still a value.
            cause = e;
            reason = FailureReasons.describe(settings, e);
        }
        noteUnreachable(reason, cause);
        return new ContainerList.Failed(reason);
    }

    private List<Container> listAll() {
        ListContainersCmd cmd = client.listContainersCmd().withShowAll(true);
        if (!settings.labelFilters().isEmpty()) {
            cmd = cmd.withLabelFilter(settings.labelFilters());
        }
        List<Container> containers = cmd.exec();
        if (containers == null) {
            throw new MalformedReplyException("the container list is null");
        }
        return containers;
    }

    private void noteReachable() {
        Boolean before = lastReachable.getAndSet(Boolean.TRUE);
        if (Boolean.FALSE.equals(before)) {
            LOG.info("docker daemon at {} is reachable again", settings.endpoint());
        }
    }

    private void noteUnreachable(String reason, Throwable cause) {
        Boolean before = lastReachable.getAndSet(Boolean.FALSE);
        if (!Boolean.FALSE.equals(before)) {
            LOG.warn("{}", reason);
        }
        LOG.debug("observation failed: {}", reason, cause);
    }

    /** Interrupts an observation in flight and releases the worker and the transport. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        runner.close();
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing the docker client for {} failed", settings.endpoint(), e);
        }
    }

    /** The endpoint observed. */
    public DockerEndpoint endpoint() {
        return settings.endpoint();
    }
}
