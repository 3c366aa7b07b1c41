package io.decnet.reconciler.core;

import io.decnet.reconciler.api.DeckyState;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The choices a host can make about how a pass treats its fleet. Built with {@link #builder()}, which validates
 * every field in {@link Builder#build()}; {@link #defaults()} is what DECNET does.
 *
 * <p>The mass-deletion guard ({@link Builder#maxDeletesPerPass(int)}, {@link Builder#refuseDeletingAllRows(boolean)})
 * is off by default: DECNET's full teardown removes the state file on purpose, and the next pass must then empty
 * the table. A host that prefers to confirm large deletions by hand turns it on; the held-back deletes are
 * reported as {@link io.decnet.reconciler.api.SkipReason#MASS_DELETE_GUARD} and every other change still applies.
 *
 * <pre>{@code
 * ReconcilePolicy policy = ReconcilePolicy.builder()
 *         .transitionalGrace(Duration.ofMinutes(5))
 *         .maxDeletesPerPass(20)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ReconcilePolicy {

    /** The longest grace period accepted: a deploy or teardown in flight for more than a day has failed. */
    public static final Duration MAX_TRANSITIONAL_GRACE = Duration.ofDays(1);

    private static final ReconcilePolicy DEFAULTS = builder().build();

    private final Duration transitionalGrace;
    private final DeckyState unobservedInsertState;
    private final int maxDeletesPerPass;
    private final boolean refuseDeletingAllRows;

    private ReconcilePolicy(Builder b) {
        this.transitionalGrace = b.transitionalGrace;
        this.unobservedInsertState = b.unobservedInsertState;
        this.maxDeletesPerPass = b.maxDeletesPerPass;
        this.refuseDeletingAllRows = b.refuseDeletingAllRows;
    }

    /** DECNET's behaviour: 10 minutes of grace, inserts {@code running} when Docker is unreachable, no guard. */
    public static ReconcilePolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder()
                .transitionalGrace(transitionalGrace)
                .unobservedInsertState(unobservedInsertState)
                .maxDeletesPerPass(maxDeletesPerPass)
                .refuseDeletingAllRows(refuseDeletingAllRows);
    }

    /**
     * How long a row in a transitional state ({@code pending}, {@code tearing_down}) is left alone after it was
     * written, because a deploy or teardown is in flight. Default 10 minutes.
     */
    public Duration transitionalGrace() {
        return transitionalGrace;
    }

    /** The state of an inserted row when Docker could not be observed. Default {@code running}, as DECNET's deployer. */
    public DeckyState unobservedInsertState() {
        return unobservedInsertState;
    }

    /** The most rows one pass may delete, if limited; when a pass would delete more it deletes none. */
    public OptionalInt maxDeletesPerPass() {
        return maxDeletesPerPass == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(maxDeletesPerPass);
    }

    /** Whether a pass that would delete every row of the host deletes none instead. Default {@code false}. */
    public boolean refuseDeletingAllRows() {
        return refuseDeletingAllRows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReconcilePolicy p
                && transitionalGrace.equals(p.transitionalGrace)
                && unobservedInsertState.equals(p.unobservedInsertState)
                && maxDeletesPerPass == p.maxDeletesPerPass
                && refuseDeletingAllRows == p.refuseDeletingAllRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transitionalGrace, unobservedInsertState, maxDeletesPerPass, refuseDeletingAllRows);
    }

    @Override
    public String toString() {
        return "ReconcilePolicy[transitionalGrace=" + transitionalGrace
                + ", unobservedInsertState=" + unobservedInsertState
                + ", maxDeletesPerPass=" + (maxDeletesPerPass().isPresent() ? maxDeletesPerPass : "unlimited")
                + ", refuseDeletingAllRows=" + refuseDeletingAllRows + "]";
    }

    /**
     * Builds a {@link ReconcilePolicy}; setters record, {@link #build()} validates.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private Duration transitionalGrace = Duration.ofMinutes(10);
        private DeckyState unobservedInsertState = DeckyState.RUNNING;
        private int maxDeletesPerPass = Integer.MAX_VALUE;
        private boolean refuseDeletingAllRows;

        private Builder() {
        }

        /** See {@link ReconcilePolicy#transitionalGrace()}; between zero and {@link #MAX_TRANSITIONAL_GRACE}. */
        public Builder transitionalGrace(Duration grace) {
            this.transitionalGrace = grace;
            return this;
        }

        /** See {@link ReconcilePolicy#unobservedInsertState()}; one of DECNET's seven states. */
        public Builder unobservedInsertState(DeckyState state) {
            this.unobservedInsertState = state;
            return this;
        }

        /** See {@link ReconcilePolicy#maxDeletesPerPass()}; 0 or more ({@link Integer#MAX_VALUE}: unlimited). */
        public Builder maxDeletesPerPass(int max) {
            this.maxDeletesPerPass = max;
            return this;
        }

        /** See {@link ReconcilePolicy#refuseDeletingAllRows()}. */
        public Builder refuseDeletingAllRows(boolean refuse) {
            this.refuseDeletingAllRows = refuse;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming the field, the allowed range and the value given
         */
        public ReconcilePolicy build() {
            if (transitionalGrace == null || transitionalGrace.isNegative()
                    || transitionalGrace.compareTo(MAX_TRANSITIONAL_GRACE) > 0) {
                throw new IllegalArgumentException("transitionalGrace must be between PT0S and "
                        + MAX_TRANSITIONAL_GRACE + " inclusive, was " + transitionalGrace);
            }
            if (unobservedInsertState == null || !unobservedInsertState.isKnown()) {
                throw new IllegalArgumentException("unobservedInsertState must be one of "
                        + knownStates() + ", was " + unobservedInsertState);
            }
            if (maxDeletesPerPass < 0) {
                throw new IllegalArgumentException("maxDeletesPerPass must be between 0 and "
                        + Integer.MAX_VALUE + " (unlimited), was " + maxDeletesPerPass);
            }
            return new ReconcilePolicy(this);
        }

        private static String knownStates() {
            return DeckyState.known().stream().map(DeckyState::value).sorted().toList().toString();
        }
    }
}
