package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeckyStateTest {

    @Test
    void knowsDecnetsSevenStates() {
        assertThat(DeckyState.known()).extracting(DeckyState::value).containsExactlyInAnyOrder(
                "pending", "running", "failed", "degraded", "torn_down", "tearing_down", "teardown_failed");
        assertThat(DeckyState.of("running")).isEqualTo(DeckyState.RUNNING);
    }

    @Test
    void carriesAStateItDoesNotKnow() {
        DeckyState odd = DeckyState.of("quarantined");

        assertThat(odd.isKnown()).isFalse();
        assertThat(odd.isTransitional()).isFalse();
        assertThat(odd).hasToString("quarantined").isNotEqualTo(DeckyState.RUNNING);
    }

    @Test
    void onlyPendingAndTearingDownAreTransitional() {
        assertThat(DeckyState.known()).filteredOn(DeckyState::isTransitional)
                .containsExactlyInAnyOrder(DeckyState.PENDING, DeckyState.TEARING_DOWN);
    }

    @Test
    void carriesABlankStateAsAnUnknownOne() {
        DeckyState blank = DeckyState.of("  ");

        assertThat(blank.isBlank()).isTrue();
        assertThat(blank.isKnown()).isFalse();
        assertThat(blank).isNotEqualTo(DeckyState.of("")).isEqualTo(DeckyState.of("  "));
        assertThat(blank.describe()).isEqualTo("\"  \"");
        assertThat(DeckyState.of("").describe()).isEqualTo("\"\"");
    }

    @Test
    void describesKnownStatesBareAndOddOnesQuotedAndEscaped() {
        assertThat(DeckyState.RUNNING.describe()).isEqualTo("running");
        assertThat(DeckyState.of("RUNNING").describe()).isEqualTo("\"RUNNING\"");
        assertThat(DeckyState.of("a\nreconcile: inserted=9\u202e").describe())
                .isEqualTo("\"a\\nreconcile: inserted=9\\u202e\"")
                .doesNotContain("\n");
    }

    @Test
    void rejectsANullState() {
        assertThatThrownBy(() -> DeckyState.of(null)).isInstanceOf(NullPointerException.class);
    }
}
