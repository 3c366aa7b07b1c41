package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import io.decnet.reconciler.testkit.junit.ExternalService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-driven passes for long: the library's worker with the event-fed inspector on the real engine and SQLite,
 * each pass triggered by a container event (pauses and unpauses, so that each pass also writes a state), and the
 * process's heap after GC, threads and file descriptors sampled as the passes add up: none grows.
 * {@code -Dsoak.passes=N} (default 300 in CI; 10,000 by hand, see the closing note of issue 12).
 */
class EventDrivenSoakIT {
    private static final int DECKIES = 4;

    @TempDir
    Path dir;

    record Sample(int passes, long heapKb, int threads, long fds) {
    }

    @Test
    void tenThousandEventDrivenPassesGrowNeitherHeapNorThreadsNorFileDescriptors() throws Exception {
        String how = "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";
        String dockerHost = ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", how);
        String image = ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", how);
        int target = Integer.getInteger("soak.passes", 300);
        String run = "es" + UUID.randomUUID().toString().substring(0, 6);
        List<String> deckies = new ArrayList<>();
        for (int i = 0; i < DECKIES; i++) {
            deckies.add(run + "-" + i);
        }
        Path state = StateFiles.write(dir.resolve("decnet-state.json"),
                deckies.stream().map(d -> d + ":ssh").toArray(String[]::new));
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Sample> samples = new ArrayList<>();
        try (Containers containers = new Containers(dockerHost, image);
                DockerClient api = client(dockerHost)) {
            for (String d : deckies) {
                containers.running(d + "-ssh");
            }
            try (JdbiFleetStore store = JdbiFleetStore.sqlite(dir.resolve("decnet.db"));
                    DockerRuntimeInspector docker = DockerRuntimeInspector.builder().dockerHost(dockerHost)
                            .watchEvents(true).build()) {
                Reconciler reconciler = Reconciler.create();
                StateFileSource source = StateFileSource.of(state);
                ReconcileWorker worker = ReconcileWorker.builder()
                        .pass(() -> reconciler.reconcileOnce(source, store, docker, "local"))
                        .interval(Duration.ofMinutes(5))
                        .coalesceTriggers(Duration.ZERO, Duration.ZERO) // one pass per event: as many as we can
                        .passListener((PassOutcome o) -> {
                            passes.incrementAndGet();
                            if (!o.succeeded()) {
                                failures.incrementAndGet();
                            }
                        })
                        .build();
                docker.onChange(names -> worker.trigger());
                try {
                    worker.start();
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Math.max(5, target / 200));
                    int nextSample = Math.max(50, target / 20);
                    int i = 0;
                    while (passes.get() < target) {
                        assertThat(System.nanoTime()).as("%d passes so far", passes.get()).isLessThan(deadline);
                        String container = deckies.get(i++ % DECKIES) + "-ssh";
                        api.pauseContainerCmd(container).exec();
                        api.unpauseContainerCmd(container).exec();
                        if (passes.get() >= nextSample) {
                            samples.add(sample(passes.get()));
                            nextSample += Math.max(50, target / 20);
                        }
                    }
                } finally {
                    worker.close();
                }
            }
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long early = medianHeap(samples.subList(0, (samples.size() + 1) / 2));
        long late = medianHeap(samples.subList(samples.size() / 2, samples.size()));
        System.out.printf("event-driven soak: %d passes (%d failed), %d samples; heap after GC median %d KB -> %d KB"
                        + " (first %d, last %d, max %d), threads %d -> %d, fds %d -> %d%n", passes.get(),
                failures.get(), samples.size(), early, late, first.heapKb(), last.heapKb(),
                samples.stream().mapToLong(Sample::heapKb).max().orElseThrow(), first.threads(), last.threads(),
                first.fds(), last.fds());
        assertThat(failures.get()).isZero();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        assertThat(late).as("median heap after GC, later half against earlier half")
                .isLessThanOrEqualTo(early + Math.max(4096, early / 5));
        assertThat(last.threads()).as("threads").isLessThanOrEqualTo(first.threads() + 2);
        assertThat(last.fds()).as("file descriptors").isLessThanOrEqualTo(first.fds() + 4);
    }

    private static Sample sample(int passes) throws IOException {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        return new Sample(passes, heap, threads, fds);
    }

    private static long medianHeap(List<Sample> samples) {
        long[] heaps = samples.stream().mapToLong(Sample::heapKb).sorted().toArray();
        return heaps[heaps.length / 2];
    }

    private static DockerClient client(String dockerHost) {
        return DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build(), new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost)).maxConnections(2).connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60)).build());
    }
}
