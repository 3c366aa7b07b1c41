package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcilePolicyTest {

    @Test
    void theDefaultsAreDecnetsBehaviourWithTheGuardOff() {
        ReconcilePolicy policy = ReconcilePolicy.defaults();

        assertThat(policy.transitionalGrace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.unobservedInsertState()).isEqualTo(DeckyState.RUNNING);
        assertThat(policy.maxDeletesPerPass()).isEmpty();
        assertThat(policy.refuseDeletingAllRows()).isFalse();
    }

    @Test
    void theBuilderKeepsWhatItWasGiven() {
        ReconcilePolicy policy = ReconcilePolicy.builder()
                .transitionalGrace(Duration.ofMinutes(3))
                .unobservedInsertState(DeckyState.PENDING)
                .maxDeletesPerPass(5)
                .refuseDeletingAllRows(true)
                .build();

        assertThat(policy.transitionalGrace()).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.unobservedInsertState()).isEqualTo(DeckyState.PENDING);
        assertThat(policy.maxDeletesPerPass()).hasValue(5);
        assertThat(policy.refuseDeletingAllRows()).isTrue();
        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        assertThat(policy).isNotEqualTo(ReconcilePolicy.defaults());
    }

    @Test
    void aNegativeOrHugeGraceIsRejectedNamingFieldRangeAndValue() {
        assertThatThrownBy(() -> ReconcilePolicy.builder().transitionalGrace(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transitionalGrace must be between PT0S and PT24H inclusive, was PT-1S");
        assertThatThrownBy(() -> ReconcilePolicy.builder().transitionalGrace(Duration.ofHours(25)).build())
                .hasMessage("transitionalGrace must be between PT0S and PT24H inclusive, was PT25H");
        assertThatThrownBy(() -> ReconcilePolicy.builder().transitionalGrace(null).build())
                .hasMessageContaining("transitionalGrace").hasMessageEndingWith("was null");
        assertThat(ReconcilePolicy.builder().transitionalGrace(Duration.ZERO).build().transitionalGrace())
                .isZero();
    }

    @Test
    void anInsertStateDecnetDoesNotKnowIsRejected() {
        assertThatThrownBy(() -> ReconcilePolicy.builder().unobservedInsertState(DeckyState.of("weird")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unobservedInsertState must be one of [degraded, failed, pending, running, "
                        + "teardown_failed, tearing_down, torn_down], was weird");
        assertThatThrownBy(() -> ReconcilePolicy.builder().unobservedInsertState(null).build())
                .hasMessageEndingWith("was null");
    }

    @Test
    void aNegativeDeleteLimitIsRejected() {
        assertThatThrownBy(() -> ReconcilePolicy.builder().maxDeletesPerPass(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDeletesPerPass must be between 0 and 2147483647 (unlimited), was -1");
        assertThat(ReconcilePolicy.builder().maxDeletesPerPass(0).build().maxDeletesPerPass()).hasValue(0);
    }
}
