package io.decnet.reconciler.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker on its own real threads: close is bounded and leaves no thread behind. No sleeps: latches. */
class ReconcileWorkerThreadsTest {
    private final List<Thread> created = new CopyOnWriteArrayList<>();
    private final ThreadFactory recording = r -> {
        Thread t = Executors.defaultThreadFactory().newThread(r);
        t.setDaemon(true);
        created.add(t);
        return t;
    };
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStuckPasses() {
        release.countDown();
    }

    private ReconcileWorker.Builder worker(ReconcilePass pass) {
        return ReconcileWorker.builder().name("threads").pass(pass).threadFactory(recording)
                .clock(Clock.systemUTC());
    }

    @Test
    void closeAfterAPassLeavesNoThreadBehind() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        ReconcileWorker w = worker(() -> {
            ran.countDown();
            return ScriptedPass.report(Clock.systemUTC().instant(), null);
        }).heartbeat(s -> { }, Duration.ofSeconds(1)).build();
        w.start();
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

        w.close();

        assertThat(created).isNotEmpty();
        for (Thread t : created) {
            t.join(2_000);
            assertThat(t.isAlive()).as("thread %s alive after close", t.getName()).isFalse();
        }
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPED);
    }

    @Test
    void closeWaitsForThePassInFlightToFinish() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        ReconcileWorker w = worker(() -> {
            started.countDown();
            awaitUninterruptibly(release);
            finished.add("pass");
            return ScriptedPass.report(Clock.systemUTC().instant(), null);
        }).closeTimeout(Duration.ofSeconds(20)).build();
        w.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(w::close);
        closer.start();
        w.stop();
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPING);
        release.countDown();
        closer.join(20_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(finished).containsExactly("pass");
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPED);
    }

    @Test
    void closeReturnsWithinItsBoundWhenAPassIsStuck() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        ReconcileWorker w = worker(() -> {
            started.countDown();
            awaitUninterruptibly(release); // ignores the interrupt of the last resort
            return ScriptedPass.report(Clock.systemUTC().instant(), null);
        }).closeTimeout(Duration.ofMillis(300)).build();
        w.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        w.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isLessThan(Duration.ofMillis(300 + 1_000 + 1_500));
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPING);
        release.countDown();
        assertThat(w.awaitStop(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void closeOnAnInterruptedThreadReturnsAtOnceAndKeepsTheInterruptFlag() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        ReconcileWorker w = worker(() -> {
            started.countDown();
            awaitUninterruptibly(release);
            return ScriptedPass.report(Clock.systemUTC().instant(), null);
        }).closeTimeout(Duration.ofSeconds(30)).build();
        w.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt();
        long t0 = System.nanoTime();
        w.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(30, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
