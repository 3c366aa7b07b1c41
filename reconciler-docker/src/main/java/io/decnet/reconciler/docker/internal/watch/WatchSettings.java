package io.decnet.reconciler.docker.internal.watch;

import io.decnet.reconciler.api.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How an {@link EventCache} runs, validated by the public builder.
 *
 * <p>Immutable; thread-safe if the random source is (only the stream thread uses it).
 *
 * @param resyncInterval time between full resyncs of a trusted view
 * @param backoff reconnect delays
 * @param lagThreshold how long an item may wait in the queue before the view counts as lagging
 * @param time wall and monotonic time
 * @param random the jitter of the backoff
 */
public record WatchSettings(Duration resyncInterval, Backoff backoff, Duration lagThreshold, TimeSource time,
        RandomGenerator random) {

    public WatchSettings {
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(lagThreshold, "lagThreshold");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(random, "random");
    }
}
