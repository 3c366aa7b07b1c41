package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeRuntimeTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final FakeRuntime runtime = FakeRuntime.create(sleeps::add);

    @Test
    void runningNamesEachContainerAfterTheDeckyWithUnderscoresInServicesTurnedIntoDashes() {
        runtime.running("web_01", "ssh", "smtp_relay");

        assertThat(observed()).containsOnly(
                Map.entry("web_01-ssh", ContainerStatus.RUNNING),
                Map.entry("web_01-smtp-relay", ContainerStatus.RUNNING));
    }

    @Test
    void stoppedContainersAreObservedAsExited() {
        runtime.running("web-01", "ssh").stopped("web-01", "http");

        assertThat(observed()).containsEntry("web-01-ssh", ContainerStatus.RUNNING)
                .containsEntry("web-01-http", ContainerStatus.EXITED);
    }

    @Test
    void aContainerCanBeReplacedAndRemoved() {
        runtime.running("web-01", "ssh").container("web-01-ssh", ContainerStatus.PAUSED);
        assertThat(observed()).containsExactly(Map.entry("web-01-ssh", ContainerStatus.PAUSED));

        runtime.remove("web-01-ssh");
        assertThat(observed()).isEmpty();
    }

    @Test
    void anUnreachableRuntimeReportsItsReasonUntilMadeReachableAgain() {
        runtime.running("web-01", "ssh").unreachable("connection refused");

        assertThat(runtime.observe()).isEqualTo(RuntimeObservation.unreachable("connection refused"));

        runtime.reachable();
        assertThat(observed()).containsKey("web-01-ssh");
    }

    @Test
    void aSlowRuntimeWaitsThroughTheSleeperOnEveryObservation() {
        runtime.slow(Duration.ofSeconds(3));

        runtime.observe();
        runtime.observe();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(runtime.observeCount()).isEqualTo(2);
    }

    @Test
    void aRuntimeThatIsNotSlowNeverSleeps() {
        runtime.observe();

        assertThat(sleeps).isEmpty();
        assertThat(runtime.observeCount()).isEqualTo(1);
    }

    @Test
    void anInterruptedSlowObservationIsUnreachableAndKeepsTheInterruptFlag() {
        FakeRuntime interrupted = FakeRuntime.create(d -> {
            throw new InterruptedException("stop");
        }).slow(Duration.ofSeconds(1));

        try {
            assertThat(interrupted.observe()).isInstanceOf(RuntimeObservation.Unreachable.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theDefaultSleeperReallySleeps() {
        FakeRuntime real = FakeRuntime.create().slow(Duration.ofMillis(20));
        long start = System.nanoTime();

        assertThat(real.observe()).isInstanceOf(RuntimeObservation.Observed.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }

    @Test
    void misuseIsRejectedWithAMessageSayingWhatToDoInstead() {
        assertThatThrownBy(() -> runtime.container("/web-01-ssh", ContainerStatus.RUNNING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use 'web-01-ssh'");
        assertThatThrownBy(() -> runtime.running("web-01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one service");
        assertThatThrownBy(() -> runtime.unreachable(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> runtime.slow(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.001");
    }

    @Test
    void containersHandsBackACopy() {
        runtime.running("web-01", "ssh");
        Map<String, ContainerStatus> before = runtime.containers();

        runtime.clear();

        assertThat(before).containsOnlyKeys("web-01-ssh");
        assertThat(runtime.containers()).isEmpty();
    }

    @Test
    void containerNameFollowsDecnetsRule() {
        assertThat(FakeRuntime.containerName("decky_01", "smtp_relay")).isEqualTo("decky_01-smtp-relay");
    }

    private Map<String, ContainerStatus> observed() {
        RuntimeObservation observation = runtime.observe();
        assertThat(observation).isInstanceOf(RuntimeObservation.Observed.class);
        return ((RuntimeObservation.Observed) observation).containers();
    }
}
