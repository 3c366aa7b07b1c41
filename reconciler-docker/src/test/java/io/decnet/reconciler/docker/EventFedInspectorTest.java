package io.decnet.reconciler.docker;

import static io.decnet.reconciler.docker.UnreachableDaemonTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.docker.support.FakeDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-fed inspector against daemons that are not there or misbehave (no real engine needed). */
class EventFedInspectorTest {

    @TempDir
    Path dir;

    @Test
    void withoutADaemonObserveIsTheListCallsUnreachableAndTheCacheSaysWhy() throws Exception {
        Path socket = dir.resolve("missing.sock");
        try (DockerRuntimeInspector watching = DockerRuntimeInspector.builder().unixSocket(socket)
                .watchEvents(true).build();
                DockerRuntimeInspector polling = DockerRuntimeInspector.builder().unixSocket(socket).build()) {

            assertThat(reasonOf(watching.observe())).isEqualTo(reasonOf(polling.observe()))
                    .endsWith("does not exist");

            await(() -> watching.cacheStatus().orElseThrow().lastFailure().isPresent());
            EventCacheStatus status = watching.cacheStatus().orElseThrow();
            assertThat(status.connected()).isFalse();
            assertThat(status.trustworthy()).isFalse();
            assertThat(status.fallbacks()).isEqualTo(1);
            assertThat(status.lastFailure()).hasValueSatisfying(reason -> assertThat(reason).endsWith(
                    "does not exist"));
        }
    }

    @Test
    void aDaemonThatAcceptsTheStreamAndNeverAnswersIsGivenUpOnAndTriedAgain() throws Exception {
        try (FakeDaemon silent = FakeDaemon.silentUnix(dir.resolve("silent.sock"));
                DockerRuntimeInspector watching = DockerRuntimeInspector.builder().dockerHost(silent.address())
                        .connectTimeout(Duration.ofMillis(50)).responseTimeout(Duration.ofMillis(100))
                        .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).watchEvents(true).build()) {

            await(() -> silent.accepted() >= 3);

            assertThat(silent.openConnections()).as("connections left open").isLessThanOrEqualTo(2);
            assertThat(watching.cacheStatus().orElseThrow().lastFailure()).hasValueSatisfying(reason ->
                    assertThat(reason).contains("did not open the event stream within 150 ms"));
        }
    }

    @Test
    void aDaemonThatRefusesTheEventStreamIsReportedWithItsAnswer() throws Exception {
        try (FakeDaemon refusing = FakeDaemon.replyingUnix(dir.resolve("refusing.sock"), FakeDaemon.http(500,
                "Internal Server Error", "{\"message\":\"events are switched off\"}"));
                DockerRuntimeInspector watching = DockerRuntimeInspector.builder().dockerHost(refusing.address())
                        .watchEvents(true).build()) {

            await(() -> watching.cacheStatus().orElseThrow().lastFailure().isPresent());

            assertThat(watching.cacheStatus().orElseThrow().lastFailure()).contains("docker daemon at "
                    + refusing.address() + " answered HTTP 500: events are switched off");
        }
    }

    @Test
    void theCacheOnlySettingsNeedWatchEventsAndTheCacheMethodsSayHowToGetOne() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().resyncInterval(Duration.ofMinutes(1)).build())
                .hasMessage("resyncInterval applies only to an inspector that watches events; add watchEvents(true)");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder()
                .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).build())
                .hasMessage("reconnectBackoff applies only to an inspector that watches events; add "
                        + "watchEvents(true)");
        try (DockerRuntimeInspector polling = DockerRuntimeInspector.builder().build()) {
            assertThat(polling.cacheStatus()).isEmpty();
            assertThatThrownBy(() -> polling.onChange(names -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("onChange needs an inspector that watches events; build it with "
                            + "DockerRuntimeInspector.builder().watchEvents(true)");
        }
    }

    @Test
    void outOfRangeCacheSettingsAreRejectedNamingTheRangeAndTheValue() {
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().watchEvents(true)
                .resyncInterval(Duration.ofMillis(10)).build())
                .hasMessage("resyncInterval must be between 1 s and 24 h; was PT0.01S");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().watchEvents(true)
                .reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessage("reconnectBackoff max must not be shorter than initial; was PT1S < PT2S");
        assertThatThrownBy(() -> DockerRuntimeInspector.builder().watchEvents(true)
                .reconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)).build())
                .hasMessage("reconnectBackoff initial must be between 1 ms and 10 min; was PT0S");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
