package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.TimeSource;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One source of time: timestamps from its wall time, phase timings from its monotonic reading. */
class TimeSourceTest extends PassFixture {

    @Test
    void phasesAreTimedOnTheManualClockSoATestMovesTimeWithoutSleeping() {
        ManualClock clock = ManualClock.at(NOW);
        state.fleet(Deckies.decky("web-01").services("ssh").build());
        StateSource slowFile = () -> {
            DesiredFleet fleet = state.read();
            clock.advance(Duration.ofSeconds(2));
            return fleet;
        };

        ReconcileReport report = Reconciler.builder().timeSource(clock).build()
                .reconcileOnce(slowFile, store, docker, HOST);

        PhaseTimings timings = report.timings();
        assertThat(timings.stateRead()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timings.storeRead()).isZero();
        assertThat(timings.apply()).isZero();
        assertThat(report.startedAt()).isEqualTo(NOW);
        assertThat(store.rows(HOST)).singleElement()
                .satisfies(row -> assertThat(row.updatedAt()).as("the pass's now, taken when it started").isEqualTo(NOW));
    }

    @Test
    void aWallClockSetBackDuringAPhaseNeverMakesItsTimingNegative() {
        ManualClock clock = ManualClock.at(NOW);
        StateSource steppedBack = () -> {
            clock.set(NOW.minusSeconds(3600)); // NTP steps the wall clock back an hour
            clock.advance(Duration.ofMillis(40));
            return state.read();
        };

        ReconcileReport report = Reconciler.builder().clock(clock).build()
                .reconcileOnce(steppedBack, store, docker, HOST);

        assertThat(report.timings().stateRead()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void aPlainClockGivesWallTimeAndTheMachinesMonotonicTime() {
        Clock fixed = Clock.fixed(NOW, ZoneOffset.UTC);
        TimeSource time = TimeSource.of(fixed);
        long first = time.monotonicNanos();

        assertThat(time.instant()).isEqualTo(NOW);
        assertThat(time.monotonicNanos()).isGreaterThanOrEqualTo(first);
        assertThat(TimeSource.of(ManualClock.create())).isInstanceOf(ManualClock.class);
        assertThat(time.since(first + 1_000_000_000L)).isZero();
    }
}
