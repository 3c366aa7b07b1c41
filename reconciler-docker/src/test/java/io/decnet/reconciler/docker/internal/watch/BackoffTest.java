package io.decnet.reconciler.docker.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    @Test
    void eachAttemptWaitsBetweenHalfAndAllOfADoublingDelayCappedAtMax() {
        SplittableRandom random = new SplittableRandom(7);
        long[] bases = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
        for (int attempt = 0; attempt < bases.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt, random).toMillis()).as("attempt %d", attempt)
                        .isBetween(bases[attempt] / 2, bases[attempt]);
            }
        }
        assertThat(backoff.delay(Integer.MAX_VALUE, random)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theJitterSpreadsTheDelays() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(3, random)).distinct().count())
                .isGreaterThan(40);
    }

    @Test
    void aZeroInitialOrAMaxBelowItIsRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("0 < initial <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("0 < initial <= max");
    }
}
