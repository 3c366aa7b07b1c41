package io.decnet.reconciler.docker;

import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.CountingHttpClient;
import io.decnet.reconciler.docker.support.DockerCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long one observation takes with 10, 100 and 1,000 containers on the engine, and how many HTTP requests it
 * makes; next to it, the same list call as one raw HTTP request on the socket without docker-java (what the daemon
 * alone costs) and the reply's size. A runner, not a test: it prints figures. It creates the containers it needs (labelled
 * {@code io.decnet.fleet-it=1} and {@code io.decnet.fleet-bench=1}), a few running and the rest created, and removes
 * them at the end, a few at a time.
 *
 * <pre>
 * scripts/services/docker.sh start && eval "$(scripts/services/docker.sh env)"
 * mvn -B -o -q -pl reconciler-docker -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp reconciler-docker/target/test-classes:reconciler-docker/target/classes:$(cat reconciler-docker/target/test.classpath) \
 *     io.decnet.reconciler.docker.ObservationBenchmark [sizes, default 10,100,1000] [runs, default 21]
 * </pre>
 */
public final class ObservationBenchmark {
    private static final String BENCH_LABEL = "io.decnet.fleet-bench=1";
    private static final int RUNNING = 10;
    private static final int PARALLELISM = 6;

    private ObservationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String host = requireEnv("FLEET_IT_DOCKER_HOST");
        String image = requireEnv("FLEET_IT_DOCKER_IMAGE");
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 1000};
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        DockerCli docker = new DockerCli(host, image);
        List<String> made = new ArrayList<>();
        String prefix = "bench-" + Long.toHexString(System.nanoTime()).substring(0, 6);
        int others = docker.docker("ps", "-aq").strip().isEmpty() ? 0
                : docker.docker("ps", "-aq").strip().split("\n").length;
        System.out.printf(Locale.ROOT, "engine %s, %d other containers present, %d timed runs per size%n", host,
                others, runs);
        System.out.printf(Locale.ROOT, "%10s %10s %10s %10s %10s %14s %14s %10s%n", "containers", "median_ms",
                "min_ms", "p90_ms", "max_ms", "http_req/obs", "raw_median_ms", "reply_kb");
        try {
            for (int size : sizes) {
                grow(docker, prefix, made, size);
                measure(host, size + others, runs);
            }
        } finally {
            long start = System.nanoTime();
            docker.removeQuietly(made, PARALLELISM);
            System.out.printf(Locale.ROOT, "removed %d benchmark containers in %.1f s%n", made.size(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Adds containers until {@code made} has {@code size}: the first {@value #RUNNING} running, then created. */
    private static void grow(DockerCli docker, String prefix, List<String> made, int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int i = made.size(); i < size; i++) {
                // DECNET naming: decky-NNN-service
                String name = prefix + "-decky-" + (i / 4) + "-" + List.of("ssh", "http", "smtp-relay", "ftp").get(i % 4);
                boolean running = i < RUNNING;
                made.add(name);
                pending.add(pool.submit(() -> {
                    if (running) {
                        docker.running(name, BENCH_LABEL);
                    } else {
                        docker.created(name, BENCH_LABEL);
                    }
                }));
            }
            for (Future<?> f : pending) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void measure(String host, int expected, int runs) {
        AtomicReference<CountingHttpClient> counter = new AtomicReference<>();
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(host)
                .decorateHttpClient(http -> {
                    counter.set(new CountingHttpClient(http));
                    return counter.get();
                }).build()) {
            for (int i = 0; i < 5; i++) {
                check(inspector.observe(), expected);
            }
            int requestsBefore = counter.get().count();
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                RuntimeObservation observation = inspector.observe();
                ms[i] = (System.nanoTime() - start) / 1e6;
                check(observation, expected);
            }
            double perObservation = (counter.get().count() - requestsBefore) / (double) runs;
            Arrays.sort(ms);
            double[] raw = new double[runs];
            int bytes = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                bytes = rawList(host);
                raw[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(raw);
            System.out.printf(Locale.ROOT, "%10d %10.2f %10.2f %10.2f %10.2f %14.2f %14.2f %10d%n", expected,
                    ms[runs / 2], ms[0], ms[(int) Math.ceil(runs * 0.9) - 1], ms[runs - 1], perObservation,
                    raw[runs / 2], bytes / 1024);
        }
    }

    /**
     * The same list call without docker-java: one raw HTTP/1.0 request on the unix socket, read to the end. What
     * the daemon itself costs, to compare with.
     */
    private static int rawList(String host) {
        if (!host.startsWith("unix://")) {
            return -1;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(host.substring("unix://".length())))) {
            channel.write(ByteBuffer.wrap("GET /containers/json?all=1 HTTP/1.0\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            int total = 0;
            for (int n = channel.read(buf); n >= 0; n = channel.read(buf.clear())) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(RuntimeObservation observation, int expected) {
        if (!(observation instanceof RuntimeObservation.Observed observed)) {
            throw new IllegalStateException("engine unreachable: " + observation);
        }
        if (observed.containers().size() < expected) {
            throw new IllegalStateException("observed " + observed.containers().size() + " containers, expected "
                    + expected);
        }
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run: scripts/services/docker.sh start && "
                    + "eval \"$(scripts/services/docker.sh env)\"");
        }
        return value;
    }
}
