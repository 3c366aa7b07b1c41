package io.decnet.reconciler.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockMonotonicTest {

    @Test
    void advancingMovesBothReadingsSettingMovesOnlyTheWallClock() {
        ManualClock clock = ManualClock.create();
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.monotonicNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());

        clock.set(ManualClock.DEFAULT_START.minusSeconds(60));
        clock.set(ManualClock.DEFAULT_START.plusSeconds(600));

        assertThat(clock.monotonicNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(clock.since(0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void timePassingInTheSchedulerMovesTheMonotonicReadingTooAndViewsInOtherZonesShareIt() {
        ManualScheduler scheduler = ManualScheduler.create();
        ManualClock paris = scheduler.clock().withZone(ZoneId.of("Europe/Paris"));

        scheduler.advance(Duration.ofMinutes(2));

        assertThat(scheduler.clock().monotonicNanos()).isEqualTo(Duration.ofMinutes(2).toNanos());
        assertThat(paris.monotonicNanos()).isEqualTo(Duration.ofMinutes(2).toNanos());
    }
}
