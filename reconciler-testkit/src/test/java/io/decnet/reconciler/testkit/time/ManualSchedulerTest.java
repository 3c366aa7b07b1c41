package io.decnet.reconciler.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    private final ManualScheduler scheduler = ManualScheduler.create();
    private final ManualClock clock = scheduler.clock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void aClockMovesOnlyWhenTheTestMovesIt() {
        Instant start = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(5));
        assertThat(clock.withZone(ZoneId.of("Europe/Paris")).instant()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }

    @Test
    void executedTasksWaitForRunDue() {
        scheduler.execute(() -> ran.add("a"));
        assertThat(ran).isEmpty();
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(ran).containsExactly("a");
    }

    @Test
    void advanceRunsTasksInDueOrderAtTheirDueTime() {
        Instant start = clock.instant();
        List<Instant> at = new ArrayList<>();
        scheduler.schedule(() -> { ran.add("late"); at.add(clock.instant()); }, 20, TimeUnit.SECONDS);
        scheduler.schedule(() -> { ran.add("early"); at.add(clock.instant()); }, 10, TimeUnit.SECONDS);
        scheduler.schedule(() -> ran.add("beyond"), 31, TimeUnit.SECONDS);

        assertThat(scheduler.advance(Duration.ofSeconds(30))).isEqualTo(2);

        assertThat(ran).containsExactly("early", "late");
        assertThat(at).containsExactly(start.plusSeconds(10), start.plusSeconds(20));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(30));
        assertThat(scheduler.nextDueIn()).contains(Duration.ofSeconds(1));
    }

    @Test
    void tasksScheduledByATaskRunWithinTheSameAdvanceWhenTheyFallDue() {
        scheduler.schedule(() -> {
            ran.add("first");
            scheduler.schedule(() -> ran.add("second"), 5, TimeUnit.SECONDS);
        }, 5, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void periodicTasksRepeatUntilCancelled() {
        ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(() -> ran.add("tick"), 0, 10, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(25));
        assertThat(ran).hasSize(3);
        tick.cancel(false);
        scheduler.advance(Duration.ofSeconds(100));
        assertThat(ran).hasSize(3);
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void aFailingTaskIsRecordedAndItsFutureFails() {
        Future<?> f = scheduler.submit(() -> { throw new IllegalStateException("boom"); });
        scheduler.runDue();
        assertThat(f).isDone();
        assertThat(scheduler.taskFailures()).isEmpty(); // submit keeps it in the future only
        scheduler.schedule(() -> { throw new IllegalStateException("bang"); }, 1, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(scheduler.taskFailures()).singleElement().extracting(Throwable::getMessage).isEqualTo("bang");
    }

    @Test
    void advancingFromInsideATaskIsRejectedWithAHint() {
        Future<?> f = scheduler.submit(() -> scheduler.advance(Duration.ofSeconds(1)));
        scheduler.runDue();
        assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ManualClock.advance");
    }

    @Test
    void blockingCallsAreRejectedBecauseNothingWouldEverRunThem() {
        assertThatThrownBy(() -> scheduler.invokeAll(List.of(() -> 1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("advance");
    }

    @Test
    void shutdownRejectsNewTasksAndShutdownNowCancelsPendingOnes() {
        scheduler.schedule(() -> ran.add("x"), 1, TimeUnit.SECONDS);
        scheduler.shutdown();
        assertThatThrownBy(() -> scheduler.execute(() -> ran.add("y")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.isTerminated()).isFalse();
        assertThat(scheduler.shutdownNow()).hasSize(1);
        assertThat(scheduler.isTerminated()).isTrue();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(ran).isEmpty();
    }
}
