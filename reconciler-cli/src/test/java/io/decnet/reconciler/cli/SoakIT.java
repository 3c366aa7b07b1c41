package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.testkit.junit.ExternalService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: the long-lived reconciler (the shaded jar with the launcher's JVM options) on a real SQLite store and the
 * real Docker engine, a pass every second, with drift injected at random the whole time: the state file rewritten
 * (deploys and teardowns), rows deleted or set to a wrong state behind its back, containers killed and started.
 * After a warm-up, its heap after a full GC, its threads and its open file descriptors are sampled; at the end none
 * may have grown beyond noise, and the table converges once the drift stops.
 *
 * <p>{@code -Dsoak.seconds} (default 120, the CI profile; 1200 by hand for the 20-minute run) and
 * {@code -Dsoak.seed} (replays a run). Prints one line of figures.
 */
class SoakIT {
    private static final int DECKIES = 24;
    private static final int CONTAINERS = 6;
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    @TempDir
    Path dir;

    @Test
    void theWorkerRunsForLongWithDriftAndNeitherHeapNorThreadsNorFileDescriptorsGrow() throws Exception {
        String howToStart = "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";
        String dockerHost = ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", howToStart);
        String image = ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", howToStart);
        long seconds = Long.getLong("soak.seconds", 120);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Random random = new Random(seed);
        String run = "soak" + UUID.randomUUID().toString().substring(0, 6);
        Path db = dir.resolve("decnet.db");
        Path state = dir.resolve("decnet-state.json");
        TreeSet<Integer> fleet = new TreeSet<>();
        for (int i = 0; i < DECKIES; i++) {
            fleet.add(i);
        }
        writeState(state, run, fleet);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        try (Containers containers = new Containers(dockerHost, image)) {
            for (int i = 0; i < CONTAINERS; i++) {
                containers.running(run + "-" + i + "-ssh");
            }
            CliProcess worker = CliProcess.start(dir, Map.of("DOCKER_HOST", dockerHost),
                    // The launcher's options, and soft references cleared at every GC: caches the JDK and the drivers
                    // keep in them would otherwise sit in the heap "after GC" by chance, and hide or fake a trend.
                    List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:SoftRefLRUPolicyMSPerMB=0"), "reconcile", "--interval", "1", "--state",
                    state.toString(), "--db", "jdbc:sqlite:" + db, "--host-uuid", "local", "--health-port",
                    Integer.toString(port), "--events", dir.resolve("events.jsonl").toString());
            long pid = worker.pid();
            long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (FleetTable.states(db, "local").size() != DECKIES) {
                assertThat(System.nanoTime()).as("the first pass; stderr:%n%s", worker.stderrTail()).isLessThan(started);
                Thread.sleep(100);
            }
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long warmUp = start + TimeUnit.SECONDS.toNanos(Math.max(30, seconds / 10));
            long sampleEvery = TimeUnit.SECONDS.toNanos(Math.max(10, seconds / 20));
            long nextSample = warmUp;
            List<Sample> samples = new ArrayList<>();
            java.util.Set<Integer> stopped = new java.util.HashSet<>();
            int injections = 0;
            try {
                while (System.nanoTime() < end) {
                    injections += inject(random, run, state, db, fleet, containers, stopped);
                    Thread.sleep(200 + random.nextInt(800));
                    assertThat(worker.isAlive()).as("the worker is running; stderr:%n%s", worker.stderrTail()).isTrue();
                    if (System.nanoTime() >= nextSample) {
                        samples.add(sample(pid));
                        nextSample += sampleEvery;
                    }
                }
                samples.add(sample(pid));

                // Drift stops: the table converges on the file (the states follow Docker, checked elsewhere).
                List<String> expected = fleet.stream().map(i -> run + "-" + i).sorted().toList();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!new ArrayList<>(FleetTable.states(db, "local").keySet()).equals(expected)) {
                    assertThat(System.nanoTime()).as("converges once the drift stops").isLessThan(deadline);
                    Thread.sleep(200);
                }
                com.fasterxml.jackson.databind.JsonNode health =
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliProcess.httpGet(port, "/healthz"));
                long passes = health.path("passes").asLong(-1);
                long failures = health.path("failures").asLong(-1);

                Sample first = samples.get(0);
                Sample last = samples.get(samples.size() - 1);
                System.out.printf("soak: %d s, seed %d, %d passes (%d failed), %d drift injections; heap after GC "
                                + "%d KB -> %d KB (max %d KB), threads %d -> %d, fds %d -> %d, %d samples%n",
                        seconds, seed, passes, failures, injections, first.heapKb(), last.heapKb(),
                        samples.stream().mapToLong(Sample::heapKb).max().orElseThrow(), first.threads(),
                        last.threads(), first.fds(), last.fds(), samples.size());
                System.out.printf("soak: median heap after GC, earlier half %d KB, later half %d KB%n",
                        median(samples.subList(0, (samples.size() + 1) / 2)),
                        median(samples.subList(samples.size() / 2, samples.size())));
                assertThat(passes).as("a pass every second or so").isGreaterThan(seconds / 3);
                assertThat(failures).as("no failed pass; stderr:%n%s", worker.stderrTail()).isZero();
                long early = median(samples.subList(0, (samples.size() + 1) / 2));
                long late = median(samples.subList(samples.size() / 2, samples.size()));
                assertThat(late).as("median heap after GC, later half against the earlier half, seed %d", seed)
                        .isLessThanOrEqualTo(early + Math.max(2048, early / 5));
                assertThat(last.threads()).as("threads, seed %d", seed).isLessThanOrEqualTo(first.threads() + 2);
                assertThat(last.fds()).as("file descriptors, seed %d", seed).isLessThanOrEqualTo(first.fds() + 4);
            } finally {
                worker.terminate();
                Cli.Result result = worker.await(60);
                assertThat(result.code()).as(result.err()).isZero();
            }
        }
    }

    /** One random drift; returns 1 (counted). */
    private static int inject(Random random, String run, Path state, Path db, TreeSet<Integer> fleet,
            Containers containers, java.util.Set<Integer> stopped) {
        int decky = random.nextInt(DECKIES);
        switch (random.nextInt(4)) {
            case 0 -> { // a deploy or a teardown: the file first (the reconciler does the table)
                if (!fleet.remove(decky)) {
                    fleet.add(decky);
                }
                writeState(state, run, fleet);
            }
            case 1 -> FleetTable.execute(db, "DELETE FROM fleet_deckies WHERE host_uuid = 'local' AND name = '"
                    + run + "-" + decky + "'");
            case 2 -> FleetTable.execute(db, "UPDATE fleet_deckies SET state = 'degraded', updated_at = "
                    + "'2020-01-01 00:00:00.000000' WHERE host_uuid = 'local' AND name = '" + run + "-" + decky + "'");
            default -> { // a container dies, or is started again
                int c = decky % CONTAINERS;
                if (stopped.remove(c)) {
                    containers.start(run + "-" + c + "-ssh");
                } else {
                    stopped.add(c);
                    containers.kill(run + "-" + c + "-ssh");
                }
            }
        }
        return 1;
    }

    private static void writeState(Path state, String run, TreeSet<Integer> fleet) {
        // Written to a temporary file and renamed over the old one, as DECNET does.
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        StateFiles.write(tmp, fleet.stream().map(i -> run + "-" + i + ":ssh").toArray(String[]::new));
        try {
            Files.move(tmp, state, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Sample(long heapKb, long threads, long fds) {
    }

    private static long median(List<Sample> samples) {
        long[] heaps = samples.stream().mapToLong(Sample::heapKb).sorted().toArray();
        return heaps[heaps.length / 2];
    }

    /** Heap in use after a full GC (jcmd), threads and open descriptors (/proc) of the worker process. */
    private static Sample sample(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long heap = 0;
        Matcher m = USED.matcher(info);
        while (m.find()) {
            heap += Long.parseLong(m.group(1));
        }
        assertThat(heap).as("heap figures in jcmd GC.heap_info:%n%s", info).isPositive();
        long threads = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.substring(8).strip()))
                .findFirst().orElseThrow();
        long fds;
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = list.count();
        }
        return new Sample(heap, threads, fds);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jcmd %s ends", command).isTrue();
        assertThat(p.exitValue()).as("jcmd %s: %s", command, out).isZero();
        return out;
    }
}
