package io.decnet.reconciler.benchmarks.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The benchmark's containers on a real engine, made and removed through the Docker API a few at a time (Docker
 * 20.10 wedges when hundreds are removed at once). Every container carries the label {@value #LABEL} with the
 * run's id, so {@link #removeAll()} finds exactly what this run made, even after a crash of the runner between
 * runs of the same id.
 *
 * <p>Not thread-safe; one runner uses it.
 */
final class EngineContainers implements AutoCloseable {
    static final String LABEL = "io.decnet.fleet-bench";
    private static final int PARALLELISM = 6;

    private final DockerClient client;
    private final String image;
    private final String runId;

    EngineContainers(String dockerHost, String image, String runId) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(PARALLELISM * 2)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(120))
                .build();
        this.client = DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build(), http);
        this.image = image;
        this.runId = runId;
    }

    /** Creates each named container (a long {@code sleep}), starting those {@code run} accepts. */
    void create(List<String> names, java.util.function.Predicate<String> run) {
        inParallel(names, name -> {
            String id = client.createContainerCmd(image)
                    .withName(name)
                    .withCmd("/bin/sleep", "86400")
                    .withLabels(Map.of(LABEL, runId))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec()
                    .getId();
            if (run.test(name)) {
                client.startContainerCmd(id).exec();
            }
        });
    }

    void kill(String name) {
        client.killContainerCmd(name).exec();
    }

    void start(String name) {
        client.startContainerCmd(name).exec();
    }

    /** Pauses each container, a few at a time. */
    void pause(List<String> names) {
        inParallel(names, name -> client.pauseContainerCmd(name).exec());
    }

    /** Unpauses each container, a few at a time. */
    void unpause(List<String> names) {
        inParallel(names, name -> client.unpauseContainerCmd(name).exec());
    }

    /** Everything this run made, removed (forced); returns how many. */
    int removeAll() {
        List<Container> ours = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, runId)).exec();
        List<String> ids = ours.stream().map(Container::getId).toList();
        inParallel(ids, id -> client.removeContainerCmd(id).withForce(true).exec());
        return ids.size();
    }

    private static void inParallel(List<String> items, Consumer<String> action) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> pending = new ArrayList<>(items.size());
            for (String item : items) {
                pending.add(pool.submit(() -> action.accept(item)));
            }
            for (Future<?> f : pending) {
                f.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("docker call failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // done with it
        }
    }
}
