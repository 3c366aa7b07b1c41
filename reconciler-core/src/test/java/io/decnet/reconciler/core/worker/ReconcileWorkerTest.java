package io.decnet.reconciler.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.testkit.time.ManualClock;
import io.decnet.reconciler.testkit.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The worker's lifecycle on a manual clock: no sleeping, no real threads. */
class ReconcileWorkerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualScheduler scheduler = ManualScheduler.create();
    private final ManualClock clock = scheduler.clock();
    private final ScriptedPass pass = new ScriptedPass(clock);
    private final List<PassOutcome> outcomes = new CopyOnWriteArrayList<>();

    private ReconcileWorker.Builder worker() {
        return ReconcileWorker.builder()
                .name("test")
                .pass(pass)
                .interval(INTERVAL)
                .jitter(0)
                .clock(clock)
                .scheduler(scheduler)
                .passListener(outcomes::add);
    }

    @Test
    void runsAPassAtStartThenOneEveryIntervalAfterThePreviousEnded() {
        ReconcileWorker w = worker().build();
        Instant start = clock.instant();
        w.start();
        scheduler.runDue();
        assertThat(pass.startedAt).containsExactly(start);

        scheduler.advance(INTERVAL.minusSeconds(1));
        assertThat(pass.runs()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(pass.startedAt).containsExactly(start, start.plus(INTERVAL));

        scheduler.advance(INTERVAL.multipliedBy(3));
        assertThat(pass.runs()).isEqualTo(5);
        assertThat(outcomes).hasSize(5).allMatch(PassOutcome::succeeded);
        assertThat(w.status().nextPassAt()).isEqualTo(start.plus(INTERVAL.multipliedBy(5)));
    }

    @Test
    void neverStartsASecondPassWhileOneIsRunning() {
        ManualScheduler passThread = ManualScheduler.on(clock); // holds each pass until the test runs it
        ReconcileWorker w = worker().passExecutor(passThread).passDeadline(Duration.ofMinutes(10)).build();
        w.start();
        scheduler.runDue();
        assertThat(w.status().findPassStartedAt()).isPresent();

        scheduler.advance(INTERVAL.multipliedBy(5));
        assertThat(w.trigger()).isTrue();
        scheduler.runDue();
        assertThat(passThread.pendingCount()).as("passes submitted while one runs").isEqualTo(1);

        passThread.runDue();
        assertThat(pass.runs()).isEqualTo(1);
        assertThat(pass.maxConcurrent()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(200)); // the trigger made during the pass: one pass after its quiet
        assertThat(passThread.pendingCount()).isEqualTo(1);
    }

    @Test
    void aFailingPassIsCountedAndTheNextRunsAfterABackoffThatDoublesUpToItsCap() {
        ReconcileWorker w = worker().backoff(Duration.ofSeconds(10), Duration.ofSeconds(35)).build();
        pass.failNext(5);
        Instant start = clock.instant();
        w.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofMinutes(3));

        List<Duration> waits = pass.waitsBetweenStarts();
        assertThat(waits.subList(0, 5)).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(35), Duration.ofSeconds(35),
                Duration.ofSeconds(35));
        assertThat(waits.subList(5, waits.size())).as("after a success, the interval again").allMatch(
                INTERVAL::equals);
        assertThat(outcomes.subList(0, 5)).allSatisfy(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.failure().kind()).isIn(Failure.Kind.STORE, Failure.Kind.INTERNAL);
        });
        WorkerStatus status = w.status();
        assertThat(status.failures()).isEqualTo(5);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastSuccessAt()).isAfter(start);
    }

    @Test
    void aPassThatThrowsIsReportedAsAnInternalFailureAndTheWorkerCarriesOn() {
        ReconcileWorker w = worker().build();
        pass.throwNext(new IllegalStateException("bug in a port"));
        w.start();
        scheduler.runDue();
        scheduler.advance(INTERVAL);

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).failure()).isEqualTo(new Failure(Failure.Kind.INTERNAL,
                "the pass threw java.lang.IllegalStateException: bug in a port"));
        assertThat(outcomes.get(1).succeeded()).isTrue();
        assertThat(scheduler.taskFailures()).isEmpty();
    }

    @Test
    void waitsCarryARandomJitterWithinTheConfiguredFraction() {
        ReconcileWorker w = worker().jitter(0.2).random(new SplittableRandom(42)).build();
        w.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofMinutes(30));

        List<Duration> waits = pass.waitsBetweenStarts();
        assertThat(waits).hasSizeGreaterThan(40)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36)));
        assertThat(waits.stream().distinct().count()).as("distinct waits").isGreaterThan(waits.size() / 2);
    }

    @Test
    void aPassStillRunningAtItsDeadlineIsReportedThenAndTheNextWaitsUntilItEnds() {
        ManualScheduler passThread = ManualScheduler.on(clock);
        ReconcileWorker w = worker().passExecutor(passThread).passDeadline(Duration.ofSeconds(45)).build();
        w.start();
        scheduler.runDue();

        scheduler.advance(Duration.ofSeconds(45));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.timedOut()).isTrue();
            assertThat(o.findReport()).isEmpty();
            assertThat(o.duration()).isEqualTo(Duration.ofSeconds(45));
            assertThat(o.failure().message()).contains("deadline of 45 s");
        });
        assertThat(w.status().consecutiveFailures()).isEqualTo(1);
        assertThat(w.status().findPassStartedAt()).as("still in flight").isPresent();

        scheduler.advance(Duration.ofMinutes(5));
        assertThat(passThread.pendingCount()).as("no second pass while the first hangs").isEqualTo(1);

        passThread.runDue(); // the late pass ends: not reported twice
        assertThat(outcomes).hasSize(1);
        assertThat(w.status().nextPassAt()).as("after a backoff, the failure being counted")
                .isEqualTo(clock.instant().plus(INTERVAL));
    }

    @Test
    void aPassThatOverranItsDeadlineBeforeTheTimerFiredIsReportedAsTimedOutWithItsReport() {
        ReconcileWorker w = worker().passDeadline(Duration.ofSeconds(10)).build();
        pass.takeNext(Duration.ofSeconds(11));
        w.start();
        scheduler.runDue();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.timedOut()).isTrue();
            assertThat(o.findReport()).isPresent();
            assertThat(o.duration()).isEqualTo(Duration.ofSeconds(11));
        });
    }

    @Test
    void triggerRunsAPassAfterAShortQuietInsteadOfAtTheNextInterval() {
        ReconcileWorker w = worker().build();
        w.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(w.trigger()).isTrue();
        scheduler.advance(Duration.ofMillis(150));
        assertThat(w.trigger()).isTrue();
        scheduler.advance(Duration.ofMillis(199));
        assertThat(pass.runs()).as("still within the quiet time of the second trigger").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(pass.runs()).as("two triggers before the pass started make one pass").isEqualTo(2);
        assertThat(w.status().nextPassAt()).isEqualTo(clock.instant().plus(INTERVAL));
    }

    @Test
    void aLongBurstOfTriggersMakesAFewPassesAndALoneTriggerAfterItIsServedWithinTheQuietTime() {
        ReconcileWorker w = worker().interval(Duration.ofMinutes(5)).build();
        w.start();
        scheduler.runDue();

        for (int i = 0; i < 1_000; i++) { // 1,000 triggers over 24 s, as a busy engine delivers them
            w.trigger();
            scheduler.advance(Duration.ofMillis(24));
        }
        scheduler.advance(Duration.ofMillis(200));
        int afterBurst = pass.runs();

        assertThat(afterBurst - 1).as("passes for the burst: at 1, 3, 7, 15 s and one when it ended")
                .isEqualTo(5);
        assertThat(pass.maxConcurrent()).isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(5));
        w.trigger(); // a lone event, after the burst
        scheduler.advance(Duration.ofMillis(200));
        assertThat(pass.runs()).isEqualTo(afterBurst + 1);
    }

    @Test
    void withoutABurstCapABurstMakesOnePassPerMaxDelay() {
        ReconcileWorker w = worker().coalesceTriggers(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(1)).build();
        w.start();
        scheduler.runDue();

        for (int i = 0; i < 1_000; i++) { // one trigger every 5 ms for 5 s
            w.trigger();
            scheduler.advance(Duration.ofMillis(5));
        }
        scheduler.advance(Duration.ofMillis(200));

        assertThat(pass.runs()).as("the start pass, one per second of the burst, one after it").isBetween(5, 7);
    }

    @Test
    void aTriggerNeverPostponesAPeriodicPassThatIsDueSooner() {
        ReconcileWorker w = worker().coalesceTriggers(Duration.ofSeconds(5), Duration.ofSeconds(10)).build();
        w.start();
        scheduler.runDue();
        scheduler.advance(INTERVAL.minusSeconds(1));

        w.trigger();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(pass.runs()).as("the periodic pass ran on time").isEqualTo(2);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(pass.runs()).as("and it served the trigger: no extra pass").isEqualTo(2);
    }

    @Test
    void withoutCoalescingATriggerRunsAPassAtOnce() {
        ReconcileWorker w = worker().coalesceTriggers(Duration.ZERO, Duration.ZERO).build();
        w.start();
        scheduler.runDue();

        w.trigger();
        scheduler.runDue();

        assertThat(pass.runs()).isEqualTo(2);
    }

    @Test
    void heartbeatsCarryNameTimeLastOutcomeAndConsecutiveFailuresAtTheirOwnInterval() {
        List<WorkerStatus> beats = new ArrayList<>();
        ReconcileWorker w = worker().heartbeat(beats::add, Duration.ofSeconds(10)).build();
        pass.failNext(1);
        w.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(25));

        assertThat(beats).extracting(WorkerStatus::at).containsExactly(
                ManualClock.DEFAULT_START, ManualClock.DEFAULT_START.plusSeconds(10),
                ManualClock.DEFAULT_START.plusSeconds(20));
        WorkerStatus last = beats.get(2);
        assertThat(last.name()).isEqualTo("test");
        assertThat(last.state()).isEqualTo(WorkerStatus.State.RUNNING);
        assertThat(last.consecutiveFailures()).isEqualTo(1);
        assertThat(last.lastOutcome().succeeded()).isFalse();

        w.stop();
        assertThat(beats).last().extracting(WorkerStatus::state).isEqualTo(WorkerStatus.State.STOPPED);
        int count = beats.size();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(beats).hasSize(count);
    }

    @Test
    void stopDuringAPassLetsItFinishAndStartsNoOther() {
        ManualScheduler passThread = ManualScheduler.on(clock);
        ReconcileWorker w = worker().passExecutor(passThread).build();
        w.start();
        scheduler.runDue();

        w.stop();
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPING);
        assertThat(w.trigger()).isFalse();
        passThread.runDue();

        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPED);
        assertThat(outcomes).singleElement().matches(PassOutcome::succeeded);
        scheduler.advance(Duration.ofHours(1));
        assertThat(pass.runs()).isEqualTo(1);
        assertThat(scheduler.pendingCount()).as("tasks the worker left scheduled").isZero();
    }

    @Test
    void stopAndCloseAreIdempotentAndAStoppedWorkerDoesNotRestart() {
        ReconcileWorker w = worker().build();
        w.start();
        w.start();
        scheduler.runDue();
        w.stop();
        w.stop();
        w.close();
        w.close();
        assertThat(w.status().state()).isEqualTo(WorkerStatus.State.STOPPED);
        assertThat(w.trigger()).isFalse();
        assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build a new ReconcileWorker");
        assertThat(pass.runs()).isEqualTo(1);
    }

    @Test
    void listenersThatThrowDoNotStopThePasses() {
        ReconcileWorker w = worker()
                .passListener(o -> { throw new IllegalStateException("listener bug"); })
                .heartbeat(s -> { throw new IllegalStateException("heartbeat bug"); }, Duration.ofSeconds(5))
                .build();
        w.start();
        scheduler.runDue();
        scheduler.advance(INTERVAL.multipliedBy(2));
        assertThat(pass.runs()).isEqualTo(3);
        assertThat(scheduler.taskFailures()).isEmpty();
    }

    @Test
    void theBuilderRejectsValuesOutOfRangeNamingTheFieldTheRangeAndTheValue() {
        assertThatThrownBy(() -> ReconcileWorker.builder().build())
                .hasMessageContaining("pass is required");
        assertThatThrownBy(() -> worker().interval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be between PT1S and PT24H, was PT0S");
        assertThatThrownBy(() -> worker().jitter(0.9).build())
                .hasMessage("jitter must be between 0 and 0.5, was 0.9");
        assertThatThrownBy(() -> worker().backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)).build())
                .hasMessage("backoff max must be at least backoff initial (PT2M), was PT1M");
        assertThatThrownBy(() -> worker().closeTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("closeTimeout must be between PT0S and PT1H, was PT-1S");
        assertThatThrownBy(() -> worker().name(" ").build()).hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> worker().threadFactory(Thread::new).build())
                .hasMessageContaining("scheduler(..) or threadFactory(..), not both");
    }

    @Test
    void backoffDoublesFromItsInitialValueAndStopsAtItsCap() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(5);
        assertThat(Delays.backoff(initial, max, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Delays.backoff(initial, max, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Delays.backoff(initial, max, 4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(Delays.backoff(initial, max, 5)).isEqualTo(max);
        assertThat(Delays.backoff(initial, max, Integer.MAX_VALUE)).isEqualTo(max);
    }

    @Test
    void aPassDurationComesFromTheMonotonicReadingEvenWhenTheWallClockIsSetBackDuringThePass() {
        ManualScheduler passThread = ManualScheduler.on(clock);
        ReconcileWorker w = worker().passExecutor(passThread).build();
        w.start();
        scheduler.runDue();
        clock.set(clock.instant().minusSeconds(3600)); // NTP steps the wall clock back an hour
        clock.advance(Duration.ofSeconds(7));

        passThread.runDue();

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.duration()).isEqualTo(Duration.ofSeconds(7)));
    }
}
