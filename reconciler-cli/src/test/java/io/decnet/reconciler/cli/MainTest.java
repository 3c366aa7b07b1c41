package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which runs are the long-lived worker (whose stop by a signal is a clean exit 0). */
class MainTest {
    @Test
    void theCommandIsTheFirstArgumentThatIsNoOptionNotAValueThatReadsLikeOne() {
        assertThat(Main.isLongLived(new String[] {"reconcile", "--interval", "30"})).isTrue();
        assertThat(Main.isLongLived(new String[] {"reconcile", "--state", "plan"})).as("a state file named plan")
                .isTrue();
        assertThat(Main.isLongLived(new String[] {"reconcile", "--json"})).isTrue();
        assertThat(Main.isLongLived(new String[] {"reconcile", "--once"})).isFalse();
        assertThat(Main.isLongLived(new String[] {"reconcile", "--dry-run"})).isFalse();
        assertThat(Main.isLongLived(new String[] {"plan", "--state", "reconcile"})).isFalse();
        assertThat(Main.isLongLived(new String[] {"status"})).isFalse();
        assertThat(Main.isLongLived(new String[] {"reconcile", "--help"})).isFalse();
    }
}
