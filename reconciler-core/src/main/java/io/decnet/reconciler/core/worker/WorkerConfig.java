package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * The worker's settings, validated once: every field is within its range when an instance exists. Immutable.
 *
 * @param name the name in logs, heartbeats and thread names
 * @param interval the wait after a successful pass
 * @param passDeadline how long a pass may run before it is reported as timed out
 * @param backoffInitial the wait after the first failure in a row
 * @param backoffMax the longest wait after failures
 * @param jitter the random spread of every wait, as a fraction of it
 * @param heartbeatInterval how often the heartbeat listener hears, or {@code null} without one
 * @param closeTimeout how long {@code close()} waits for the pass in flight
 * @param triggerQuiet how long a triggered pass waits for the triggers to stop
 * @param triggerMaxDelay the longest a triggered pass waits after the first trigger it serves
 * @param triggerBurstMaxDelay how far that wait may grow while triggers keep coming without a quiet gap
 */
record WorkerConfig(String name, Duration interval, Duration passDeadline, Duration backoffInitial,
        Duration backoffMax, double jitter, Duration heartbeatInterval, Duration closeTimeout,
        Duration triggerQuiet, Duration triggerMaxDelay, Duration triggerBurstMaxDelay) {
    static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    static final Duration MAX_PERIOD = Duration.ofHours(24);
    static final double MAX_JITTER = 0.5;
    static final Duration DEFAULT_TRIGGER_QUIET = Duration.ofMillis(200);
    static final Duration DEFAULT_TRIGGER_MAX_DELAY = Duration.ofSeconds(1);
    static final Duration DEFAULT_TRIGGER_BURST_MAX_DELAY = Duration.ofSeconds(15);
    static final Duration MAX_TRIGGER_QUIET = Duration.ofSeconds(10);
    static final Duration MAX_TRIGGER_DELAY = Duration.ofMinutes(1);

    /** @throws IllegalArgumentException naming the field, the allowed range and the value given */
    WorkerConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        requirePeriod("interval", interval);
        requirePeriod("passDeadline", passDeadline);
        requirePeriod("backoff initial", backoffInitial);
        requirePeriod("backoff max", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff max must be at least backoff initial ("
                    + backoffInitial + "), was " + backoffMax);
        }
        if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
            throw new IllegalArgumentException("jitter must be between 0 and " + MAX_JITTER + ", was " + jitter);
        }
        if (heartbeatInterval != null) {
            requirePeriod("heartbeat interval", heartbeatInterval);
        }
        if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("closeTimeout must be between PT0S and PT1H, was " + closeTimeout);
        }
        if (triggerQuiet == null || triggerQuiet.isNegative() || triggerQuiet.compareTo(MAX_TRIGGER_QUIET) > 0) {
            throw new IllegalArgumentException("trigger quiet time must be between PT0S and " + MAX_TRIGGER_QUIET
                    + ", was " + triggerQuiet);
        }
        if (triggerMaxDelay == null || triggerMaxDelay.compareTo(triggerQuiet) < 0
                || triggerMaxDelay.compareTo(MAX_TRIGGER_DELAY) > 0) {
            throw new IllegalArgumentException("trigger max delay must be between the quiet time (" + triggerQuiet
                    + ") and " + MAX_TRIGGER_DELAY + ", was " + triggerMaxDelay);
        }
        if (triggerBurstMaxDelay == null || triggerBurstMaxDelay.compareTo(triggerMaxDelay) < 0
                || triggerBurstMaxDelay.compareTo(MAX_TRIGGER_DELAY) > 0) {
            throw new IllegalArgumentException("trigger burst max delay must be between the max delay ("
                    + triggerMaxDelay + ") and " + MAX_TRIGGER_DELAY + ", was " + triggerBurstMaxDelay);
        }
    }

    /** The backoff when none is set: from the interval up to ten times the interval (at most 24 h). */
    static Duration defaultBackoffMax(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        Duration tenTimes = interval.multipliedBy(10);
        return tenTimes.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : tenTimes;
    }

    static void requirePeriod(String field, Duration value) {
        if (value == null || value.compareTo(MIN_PERIOD) < 0 || value.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(
                    field + " must be between " + MIN_PERIOD + " and " + MAX_PERIOD + ", was " + value);
        }
    }
}
