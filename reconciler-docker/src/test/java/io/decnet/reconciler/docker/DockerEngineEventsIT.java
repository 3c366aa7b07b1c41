package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.CountingHttpClient;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.TestEngine;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-fed inspector on the real engine of {@code scripts/services/docker.sh}: its view matches a fresh list
 * call after every kind of change, survives a dropped stream, repairs a planted divergence, costs no request while
 * trustworthy, and tells its listener about a kill quickly. Each test watches only the containers of its own run
 * (a label of its own), as other tests share the engine.
 */
class DockerEngineEventsIT {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final String RUN_LABEL = "io.decnet.fleet-it.events";

    private static DockerCli docker;
    private static String run;
    private final List<DockerRuntimeInspector> opened = new ArrayList<>();

    @BeforeAll
    static void engine() {
        docker = TestEngine.cli();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.removeAllMade();
        }
    }

    @AfterEach
    void closeInspectors() {
        opened.forEach(DockerRuntimeInspector::close);
    }

    @Test
    void theViewMatchesAFreshListAfterContainersAreCreatedStartedKilledPausedAndRemoved() {
        String label = label("lifecycle");
        DockerRuntimeInspector watching = open(watching(label));
        DockerRuntimeInspector polling = open(polling(label));
        String a = "decky-" + run + "-lc-a-ssh";
        String b = "decky-" + run + "-lc-b-ssh";
        String c = "decky-" + run + "-lc-c-ssh";
        awaitTrustworthy(watching);
        assertThat(viewOf(watching)).isEmpty();

        docker.created(a, label);
        docker.running(b, label);
        docker.running(c, label);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.CREATED, b, ContainerStatus.RUNNING,
                c, ContainerStatus.RUNNING));

        docker.docker("start", a);
        docker.kill(b);
        docker.docker("pause", c);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.RUNNING, b, ContainerStatus.EXITED,
                c, ContainerStatus.PAUSED));

        docker.docker("stop", "-t", "1", a);
        docker.docker("unpause", c);
        docker.remove(b);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.EXITED, c, ContainerStatus.RUNNING));

        docker.docker("restart", "-t", "1", a);
        docker.remove(c);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.RUNNING));
        assertThat(watching.cacheStatus().orElseThrow().eventsApplied()).isGreaterThan(10);
    }

    @Test
    void aRenamedContainerMovesToItsNewNameAndOneMadeAgainUnderItsOldNameIsItsOwn() {
        String label = label("rename");
        DockerRuntimeInspector watching = open(watching(label));
        DockerRuntimeInspector polling = open(polling(label));
        String before = "decky-" + run + "-rn-ssh";
        String after = "decky-" + run + "-rn-http";
        docker.running(before, label);
        awaitViewMatchesList(watching, polling, Map.of(before, ContainerStatus.RUNNING));

        docker.docker("rename", before, after);
        docker.created(before, label);
        docker.kill(after);

        awaitViewMatchesList(watching, polling, Map.of(after, ContainerStatus.EXITED,
                before, ContainerStatus.CREATED));
        docker.remove(after);
    }

    @Test
    void changesMadeWhileTheStreamIsDownAreInTheViewRebuiltAfterTheReconnect() {
        String label = label("gap");
        DockerRuntimeInspector watching = open(builder(label).watchEvents(true)
                .reconnectBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build());
        DockerRuntimeInspector polling = open(polling(label));
        String a = "decky-" + run + "-gap-a-ssh";
        String b = "decky-" + run + "-gap-b-ssh";
        String c = "decky-" + run + "-gap-c-ssh";
        docker.running(a, label);
        docker.running(b, label);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.RUNNING, b, ContainerStatus.RUNNING));

        watching.dropEventStream();
        await("the stream is seen down", () -> !watching.cacheStatus().orElseThrow().connected());
        assertThat(watching.cacheStatus().orElseThrow().trustworthy()).isFalse();
        docker.kill(a);
        docker.remove(b);
        docker.running(c, label);
        // The changes were made in the gap: the stream has not come back yet (it waits at least 5 s).
        assertThat(watching.cacheStatus().orElseThrow().reconnects()).as("reconnects during the gap").isZero();
        assertThat(viewOf(watching)).as("observe() while untrusted is a list call")
                .isEqualTo(Map.of(a, ContainerStatus.EXITED, c, ContainerStatus.RUNNING));

        await("the stream reconnects", () -> watching.cacheStatus().orElseThrow().reconnects() == 1);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.EXITED, c, ContainerStatus.RUNNING));
        assertThat(watching.cacheStatus().orElseThrow().fallbacks()).isPositive();
    }

    @Test
    void aResyncFindsADivergencePlantedByHandCountsItAndRepairsIt() {
        String label = label("resync");
        DockerRuntimeInspector watching = open(watching(label));
        DockerRuntimeInspector polling = open(polling(label));
        String a = "decky-" + run + "-rs-ssh";
        docker.running(a, label);
        awaitViewMatchesList(watching, polling, Map.of(a, ContainerStatus.RUNNING));

        watching.plantInView(a, ContainerStatus.EXITED);
        await("the planted state is in the view", () -> ContainerStatus.EXITED.equals(viewOf(watching).get(a)));
        watching.resyncNow();
        await("the resync ran", () -> watching.cacheStatus().orElseThrow().resyncs() == 1);

        EventCacheStatus status = watching.cacheStatus().orElseThrow();
        assertThat(status.divergences()).isEqualTo(1);
        assertThat(status.trustworthy()).isTrue();
        assertThat(viewOf(watching)).isEqualTo(Map.of(a, ContainerStatus.RUNNING));
    }

    @Test
    void observationsWhileTheViewIsTrustworthyMakeNoRequestAndCopyNothing() {
        String label = label("quiet");
        List<CountingHttpClient> transports = new CopyOnWriteArrayList<>();
        DockerRuntimeInspector watching = open(builder(label).watchEvents(true).decorateHttpClient(http -> {
            CountingHttpClient counting = new CountingHttpClient(http);
            transports.add(counting);
            return counting;
        }).build());
        docker.running("decky-" + run + "-q-ssh", label);
        await("the view shows the container", () -> watching.cacheStatus().orElseThrow().trustworthy()
                && viewOf(watching).containsKey("decky-" + run + "-q-ssh"));
        int before = transports.stream().mapToInt(CountingHttpClient::count).sum();
        RuntimeObservation first = watching.observe();

        for (int i = 0; i < 10_000; i++) {
            assertThat(watching.observe()).isSameAs(first);
        }

        assertThat(transports.stream().mapToInt(CountingHttpClient::count).sum()).as("requests made by 10,000 "
                + "observations; all requests: %s", requests(transports)).isEqualTo(before);
        assertThat(requests(transports)).anyMatch(r -> r.startsWith("GET /events?since="))
                .anyMatch(r -> r.startsWith("GET /containers/json?"));
    }

    @Test
    void closingReleasesTheStreamThreadsAndConnection() {
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "it-events-" + made.size());
            t.setDaemon(true);
            made.add(t);
            return t;
        };
        DockerRuntimeInspector watching = builder(label("close")).watchEvents(true).threadFactory(threads).build();
        awaitTrustworthy(watching);
        assertThat(made).extracting(Thread::getName).contains("it-events-0-event-stream", "it-events-1-event-cache");

        watching.close();

        await("every thread ended", () -> made.stream().noneMatch(Thread::isAlive));
        assertThat(watching.observe()).isInstanceOf(RuntimeObservation.Unreachable.class);
    }

    /**
     * Not a pass/fail figure (beyond a generous bound): how long after a kill request the change listener hears of
     * it, over 50 kills of running containers.
     */
    @Test
    void theChangeListenerHearsOfAKillWithinMilliseconds() throws Exception {
        String label = label("latency");
        DockerRuntimeInspector watching = open(watching(label));
        Map<String, Long> heardAt = new ConcurrentHashMap<>();
        watching.onChange(names -> {
            long now = System.nanoTime();
            names.forEach(n -> heardAt.putIfAbsent(n, now));
        });
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add("decky-" + run + "-lat-" + i + "-ssh");
        }
        inParallel(names, name -> TestEngine.cli().running(name, label)); // DockerCli is not thread-safe
        await("all 50 are running in the view", () -> names.stream()
                .allMatch(n -> ContainerStatus.RUNNING.equals(viewOf(watching).get(n))));

        List<Long> micros = new ArrayList<>();
        List<Long> answerMicros = new ArrayList<>();
        try (DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(TestEngine.dockerHost())).build()) {
            for (String name : names) {
                heardAt.remove(name);
                long start = System.nanoTime();
                try (DockerHttpClient.Response r = http.execute(DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.POST).path("/containers/" + name + "/kill").build())) {
                    assertThat(r.getStatusCode()).isEqualTo(204);
                }
                answerMicros.add((System.nanoTime() - start) / 1000);
                await("the listener hears of " + name, () -> heardAt.containsKey(name)
                        && ContainerStatus.EXITED.equals(viewOf(watching).get(name)));
                micros.add((heardAt.get(name) - start) / 1000);
            }
        }
        System.out.println("kill request -> change listener: " + summary(micros));
        System.out.println("kill request -> the daemon's answer (it answers once the container is dead): "
                + summary(answerMicros));
        Collections.sort(micros);
        assertThat(micros.get((int) Math.ceil(micros.size() * 0.99) - 1)).as("p99 in µs")
                .isLessThan(TimeUnit.SECONDS.toMicros(5));
        docker.removeQuietly(names, 4);
    }

    /** Median, p99, min and max of {@code micros}, in ms. */
    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("over %d kills: median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms", sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0,
                sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    private String label(String test) {
        return RUN_LABEL + "=" + run + "-" + test;
    }

    private static DockerRuntimeInspector.Builder builder(String label) {
        String[] kv = label.split("=", 2);
        return DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost()).labelFilter(kv[0], kv[1]);
    }

    private static DockerRuntimeInspector watching(String label) {
        return builder(label).watchEvents(true).build();
    }

    private static DockerRuntimeInspector polling(String label) {
        return builder(label).build();
    }

    private DockerRuntimeInspector open(DockerRuntimeInspector inspector) {
        opened.add(inspector);
        return inspector;
    }

    private static void awaitTrustworthy(DockerRuntimeInspector watching) {
        await("the view is trustworthy", () -> watching.cacheStatus().orElseThrow().trustworthy());
    }

    /** Waits until the view, while trustworthy, equals both {@code expected} and a fresh list call. */
    private static void awaitViewMatchesList(DockerRuntimeInspector watching, DockerRuntimeInspector polling,
            Map<String, ContainerStatus> expected) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, ContainerStatus> view = Map.of();
        Map<String, ContainerStatus> listed = Map.of();
        while (System.nanoTime() < deadline) {
            boolean trusted = watching.cacheStatus().orElseThrow().trustworthy();
            view = viewOf(watching);
            listed = viewOf(polling);
            if (trusted && view.equals(expected) && listed.equals(expected)) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("the event-fed view " + view + " (status " + watching.cacheStatus().orElseThrow()
                + ") did not come to match the list " + listed + " and the expected " + expected + " in " + SETTLE);
    }

    private static Map<String, ContainerStatus> viewOf(DockerRuntimeInspector inspector) {
        return DockerEngineObservationIT.observed(inspector);
    }

    private static List<String> requests(List<CountingHttpClient> transports) {
        return transports.stream().flatMap(t -> t.requests().stream()).toList();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + SETTLE);
            }
            sleep(5);
        }
    }

    private static void inParallel(List<String> names, java.util.function.Consumer<String> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            names.forEach(n -> done.add(pool.submit(() -> action.accept(n))));
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
