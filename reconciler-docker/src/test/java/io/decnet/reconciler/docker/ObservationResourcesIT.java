package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.FakeDaemon;
import io.decnet.reconciler.docker.support.ProcessResources;
import io.decnet.reconciler.docker.support.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of observations, healthy and failing, leave this JVM with the threads and file descriptors it had:
 * each observation's connection is closed, and one worker thread serves them all.
 */
class ObservationResourcesIT {
    /** Threads the JVM itself may start or stop meanwhile (compiler threads, the common pool). */
    private static final int THREAD_SLACK = 3;
    /** File descriptors the JVM itself may open meanwhile (a class file, a log). */
    private static final int FD_SLACK = 3;

    @TempDir
    Path dir;

    @Test
    void thousandsOfObservationsOfAMissingSocketLeakNoThreadNorFileDescriptor() {
        CountingThreads threads = new CountingThreads();
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder()
                .unixSocket(dir.resolve("missing.sock")).threadFactory(threads).build()) {
            assertNoLeak(3000, inspector::observe, RuntimeObservation.Unreachable.class);
        }
        assertThat(threads.created()).as("worker threads made").hasSize(1);
        assertThat(threads.allEndWithin(Duration.ofSeconds(5))).as("worker ended after close").isTrue();
    }

    @Test
    void thousandsOfObservationsOfTheLiveEngineLeakNoThreadNorFileDescriptor() {
        CountingThreads threads = new CountingThreads();
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost())
                .threadFactory(threads).build()) {
            assertNoLeak(2000, inspector::observe, RuntimeObservation.Observed.class);
        }
        assertThat(threads.created()).as("worker threads made").hasSize(1);
        assertThat(threads.allEndWithin(Duration.ofSeconds(5))).as("worker ended after close").isTrue();
    }

    @Test
    void observationsOfADaemonThatNeverAnswersLeakNoThreadNorFileDescriptorAndCloseTheirConnections()
            throws Exception {
        CountingThreads threads = new CountingThreads();
        try (FakeDaemon silent = FakeDaemon.silentUnix(dir.resolve("silent.sock"));
                DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(silent.address())
                        .connectTimeout(Duration.ofMillis(50)).responseTimeout(Duration.ofMillis(100))
                        .threadFactory(threads).build()) {
            // The fake daemon lives in this JVM: let it see each client close and close its own end first.
            Runnable settle = () -> awaitNoOpenConnections(silent);

            assertNoLeak(40, inspector::observe, RuntimeObservation.Unreachable.class, settle);

            // At most one: under load an observation may give up before its connection is even made; never two
            // (the transport does not reconnect and retry behind the deadline's back).
            assertThat(silent.accepted()).as("connections for 50 observations").isBetween(40, 50);
            assertThat(silent.openConnections()).as("connections the client left open").isZero();
        }
        assertThat(threads.created()).as("worker threads made").hasSize(1);
    }

    @Test
    void buildingAndClosingManyInspectorsLeaksNothing() {
        CountingThreads threads = new CountingThreads();
        Supplier<RuntimeObservation> oneInspector = () -> {
            try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder()
                    .dockerHost(TestEngine.dockerHost()).threadFactory(threads).build()) {
                return inspector.observe();
            }
        };

        assertNoLeak(500, oneInspector, RuntimeObservation.Observed.class);

        assertThat(threads.allEndWithin(Duration.ofSeconds(10))).as("every worker ended after its close").isTrue();
    }

    private static void assertNoLeak(int times, Supplier<RuntimeObservation> observe,
            Class<? extends RuntimeObservation> expected) {
        assertNoLeak(times, observe, expected, () -> { });
    }

    /**
     * Warms up with a tenth of {@code times}, then checks that {@code times} more leave the counts as they were;
     * {@code settle} runs before each count.
     */
    private static void assertNoLeak(int times, Supplier<RuntimeObservation> observe,
            Class<? extends RuntimeObservation> expected, Runnable settle) {
        for (int i = 0; i < Math.max(10, times / 10); i++) {
            assertThat(observe.get()).isInstanceOf(expected);
        }
        settle.run();
        ProcessResources before = ProcessResources.now();
        for (int i = 0; i < times; i++) {
            assertThat(observe.get()).isInstanceOf(expected);
        }
        settle.run();
        ProcessResources after = ProcessResources.now();

        assertThat(after.threads()).as("live threads after %d observations (before: %s)", times, before)
                .isLessThanOrEqualTo(before.threads() + THREAD_SLACK);
        assertThat(after.fileDescriptors()).as("open file descriptors after %d observations (before: %s)", times,
                before).isLessThanOrEqualTo(before.fileDescriptors() + FD_SLACK);
    }

    private static void awaitNoOpenConnections(FakeDaemon daemon) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (daemon.openConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A thread factory that remembers what it made. */
    private static final class CountingThreads implements ThreadFactory {
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "it-docker-inspector-" + made.size());
            t.setDaemon(true);
            made.add(t);
            return t;
        }

        List<Thread> created() {
            return List.copyOf(made);
        }

        boolean allEndWithin(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : made) {
                try {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (t.isAlive()) {
                    return false;
                }
            }
            return true;
        }
    }
}
