package io.decnet.reconciler.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The worker's pieces, each alone: no threads, no clock, no sleeping. */
class WorkerPartsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

    private static WorkerConfig config(double jitter) {
        return new WorkerConfig("w", Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(35), jitter, null, Duration.ofSeconds(30), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(15));
    }

    @Nested
    class Config {
        @Test
        void namesTheFieldTheRangeAndTheValueOfWhatIsOutOfRange() {
            assertThatThrownBy(() -> new WorkerConfig("w", Duration.ofMillis(10), Duration.ofSeconds(60),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 0, null, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO))
                    .hasMessage("interval must be between PT1S and PT24H, was PT0.01S");
            assertThatThrownBy(() -> new WorkerConfig("w", Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(5), Duration.ofSeconds(2), 0, null, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO))
                    .hasMessage("backoff max must be at least backoff initial (PT5S), was PT2S");
            assertThatThrownBy(() -> config(0.6)).hasMessage("jitter must be between 0 and 0.5, was 0.6");
            assertThatThrownBy(() -> new WorkerConfig(" ", Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, null, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO))
                    .hasMessage("name must not be blank, was ' '");
            assertThatThrownBy(() -> new WorkerConfig("w", Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, null, Duration.ZERO, Duration.ofSeconds(2),
                    Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .hasMessage("trigger max delay must be between the quiet time (PT2S) and PT1M, was PT1S");
            assertThatThrownBy(() -> new WorkerConfig("w", Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, null, Duration.ZERO, Duration.ofMillis(-1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .hasMessage("trigger quiet time must be between PT0S and PT10S, was PT-0.001S");
            assertThatThrownBy(() -> new WorkerConfig("w", Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, null, Duration.ZERO, Duration.ZERO,
                    Duration.ofSeconds(2), Duration.ofSeconds(1)))
                    .hasMessage("trigger burst max delay must be between the max delay (PT2S) and PT1M, was PT1S");
        }

        @Test
        void theDefaultBackoffGoesUpToTenIntervalsButNeverBeyondADay() {
            assertThat(WorkerConfig.defaultBackoffMax(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(5));
            assertThat(WorkerConfig.defaultBackoffMax(Duration.ofHours(5))).isEqualTo(Duration.ofHours(24));
        }
    }

    @Nested
    class Schedule {
        @Test
        void theIntervalAfterASuccessAndABackoffAfterFailures() {
            PassSchedule schedule = new PassSchedule(config(0), RandomGenerator.getDefault());

            assertThat(schedule.afterPass(0)).isEqualTo(Duration.ofSeconds(30));
            assertThat(schedule.afterPass(1)).isEqualTo(Duration.ofSeconds(10));
            assertThat(schedule.afterPass(2)).isEqualTo(Duration.ofSeconds(20));
            assertThat(schedule.afterPass(3)).isEqualTo(Duration.ofSeconds(35));
        }

        @Test
        void triggersWaitForQuietButNoLongerThanTheMaxDelayAfterTheFirst() {
            PassSchedule schedule = new PassSchedule(config(0.1), RandomGenerator.getDefault());
            long ms = 1_000_000L;

            assertThat(schedule.afterTriggers(0, 0, 0)).isEqualTo(Duration.ofMillis(200));
            assertThat(schedule.afterTriggers(0, 150 * ms, 150 * ms)).isEqualTo(Duration.ofMillis(200));
            assertThat(schedule.afterTriggers(0, 900 * ms, 900 * ms)).as("capped by the first trigger")
                    .isEqualTo(Duration.ofMillis(100));
            assertThat(schedule.afterTriggers(0, 100 * ms, 2_000 * ms)).as("overdue: at once").isZero();
        }

        @Test
        void theMaxDelayDoublesForEachPassABurstForcesAndIsBackAfterAQuietGap() {
            PassSchedule schedule = new PassSchedule(config(0), RandomGenerator.getDefault());
            long ms = 1_000_000L;

            schedule.triggeredPassStarts(990 * ms, 1_000 * ms); // a trigger 10 ms before: forced by the burst
            assertThat(schedule.maxDelay()).isEqualTo(Duration.ofSeconds(2));
            schedule.triggeredPassStarts(2_990 * ms, 3_000 * ms);
            schedule.triggeredPassStarts(6_990 * ms, 7_000 * ms);
            schedule.triggeredPassStarts(14_990 * ms, 15_000 * ms);
            assertThat(schedule.maxDelay()).as("capped at the burst max delay").isEqualTo(Duration.ofSeconds(15));
            assertThat(schedule.afterTriggers(20_000 * ms, 20_000 * ms, 20_000 * ms)).isEqualTo(Duration.ofMillis(200));
            assertThat(schedule.afterTriggers(20_000 * ms, 34_900 * ms, 34_900 * ms)).isEqualTo(Duration.ofMillis(100));

            schedule.triggeredPassStarts(30_000 * ms, 30_200 * ms); // the quiet time passed: the burst is over
            assertThat(schedule.maxDelay()).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void jitterStaysWithinItsFraction() {
            PassSchedule schedule = new PassSchedule(config(0.1), new java.util.Random(7));
            for (int i = 0; i < 1000; i++) {
                assertThat(schedule.afterPass(0)).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
            }
        }
    }

    @Nested
    class Ledger {
        @Test
        void countsPassesAndFailuresAndASuccessEndsTheRun() {
            PassLedger ledger = new PassLedger();
            Failure down = new Failure(Failure.Kind.STORE, "down");
            ledger.record(new PassOutcome(1, T0, Duration.ofSeconds(1), null, down));
            ledger.record(new PassOutcome(2, T0, Duration.ofSeconds(1), null, down));
            assertThat(ledger.consecutiveFailures()).isEqualTo(2);

            ledger.record(new PassOutcome(3, T0, Duration.ofSeconds(2), ScriptedPass.report(T0, null), null));

            WorkerStatus status = ledger.status("w", T0, WorkerStatus.State.RUNNING, null, null);
            assertThat(status.passes()).isEqualTo(3);
            assertThat(status.failures()).isEqualTo(2);
            assertThat(status.consecutiveFailures()).isZero();
            assertThat(status.lastSuccessAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(status.lastOutcome().number()).isEqualTo(3);
        }
    }

    @Nested
    class Runner {
        private final PassRunner.InFlight first = new PassRunner.InFlight(1, T0, 0);

        @Test
        void aPassThatThrowsOrReturnsNothingIsAnInternalFailureNeverAnException() {
            PassRunner throwing = new PassRunner("w", () -> {
                throw new IllegalStateException("bug in a port");
            }, Duration.ofSeconds(60));
            PassRunner empty = new PassRunner("w", () -> null, Duration.ofSeconds(60));

            assertThat(throwing.run(1).failure()).isEqualTo(new Failure(Failure.Kind.INTERNAL,
                    "the pass threw java.lang.IllegalStateException: bug in a port"));
            assertThat(empty.run(1).failure()).isEqualTo(new Failure(Failure.Kind.INTERNAL,
                    "the pass returned no report"));
        }

        @Test
        void aSuccessThatOutranItsDeadlineIsATimeoutAndOneWithinItASuccess() {
            PassRunner runner = new PassRunner("w", () -> ScriptedPass.report(T0, null), Duration.ofSeconds(10));
            PassRunner.Result result = runner.run(1);

            assertThat(runner.outcome(first, Duration.ofSeconds(9), result).succeeded()).isTrue();
            PassOutcome late = runner.outcome(first, Duration.ofSeconds(11), result);
            assertThat(late.succeeded()).isFalse();
            assertThat(late.failure()).isEqualTo(new Failure(Failure.Kind.TIMEOUT,
                    "pass 1 exceeded its deadline of 10 s"));
        }
    }

    @Test
    void durationsReadLikeTheLogWritesThem() {
        assertThat(Durations.human(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.human(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
    }
}
