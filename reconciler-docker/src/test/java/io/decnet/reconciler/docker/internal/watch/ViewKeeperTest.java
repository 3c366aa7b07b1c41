package io.decnet.reconciler.docker.internal.watch;

import static io.decnet.reconciler.docker.internal.watch.ContainerViewTest.ev;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cache thread's logic, driven item by item with a scripted list call and a scripted queue: the rebuild at
 * (re)connect, trust, resync.
 */
class ViewKeeperTest {
    private static final Duration RESYNC = Duration.ofMinutes(5);

    private final ManualClock clock = ManualClock.create();
    /** What each list call returns, in turn; each may also queue events "during" the call. */
    private final Deque<ScriptedList> lists = new ArrayDeque<>();
    private final List<StreamItem> queue = new ArrayList<>();
    private final List<String> restarts = new ArrayList<>();
    private final ViewKeeper keeper = new ViewKeeper(this::list, (gen, reason) -> restarts.add(gen + ": " + reason),
            this::drain, clock, RESYNC);

    @Test
    void beforeTheFirstRebuildNothingIsTrustedNorReported() {
        assertThat(keeper.snapshot().generation()).isZero();
        assertThat(keeper.publish()).isEmpty();
        assertThat(keeper.resyncDue()).isFalse();
    }

    @Test
    void atConnectTheListIsTakenAndTheEventsBufferedSinceTheStreamOpenedAreAppliedOnTopInOrder() {
        listReturns(Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING),
                "c2", entry("decky-b-ssh", ContainerStatus.RUNNING)));

        keeper.handle(new StreamItem.Connected(1, 0));
        // Queued behind the Connected item while the list call ran; one (c1 start) is older than the list.
        keeper.handle(event(1, ev("c1", "start", "decky-a-ssh")));
        keeper.handle(event(1, ev("c2", "die", "decky-b-ssh")));
        keeper.handle(event(1, ev("c3", "create", "decky-c-ssh")));
        Set<String> changed = keeper.publish();

        assertThat(keeper.snapshot().generation()).isEqualTo(1);
        assertThat(keeper.snapshot().observation().containers()).isEqualTo(Map.of(
                "decky-a-ssh", ContainerStatus.RUNNING, "decky-b-ssh", ContainerStatus.EXITED,
                "decky-c-ssh", ContainerStatus.CREATED));
        assertThat(changed).as("the first build reports every container")
                .containsExactlyInAnyOrder("decky-a-ssh", "decky-b-ssh", "decky-c-ssh");
        assertThat(keeper.eventsApplied()).isEqualTo(3);
    }

    @Test
    void aReconnectRebuildsFromANewListSoEventsMissedInTheGapCannotLeaveTheViewWrong() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING),
                "c2", entry("decky-b-ssh", ContainerStatus.RUNNING)));

        keeper.handle(new StreamItem.Disconnected(1, "connection reset", 0));
        keeper.publish();
        assertThat(keeper.snapshot().generation()).as("untrusted from the break on").isZero();
        // Late events of the broken connection are not applied: the rebuild covers them.
        keeper.handle(event(1, ev("c1", "die", "decky-a-ssh")));
        // Meanwhile (not seen by any stream): c1 died, c2 was removed, c4 was made.
        listReturns(Map.of("c1", entry("decky-a-ssh", ContainerStatus.EXITED),
                "c4", entry("decky-d-ssh", ContainerStatus.RUNNING)));
        keeper.handle(new StreamItem.Connected(2, 0));
        keeper.handle(event(2, ev("c4", "pause", "decky-d-ssh")));
        Set<String> changed = keeper.publish();

        assertThat(keeper.snapshot().generation()).isEqualTo(2);
        assertThat(keeper.snapshot().observation().containers()).isEqualTo(Map.of(
                "decky-a-ssh", ContainerStatus.EXITED, "decky-d-ssh", ContainerStatus.PAUSED));
        assertThat(changed).containsExactlyInAnyOrder("decky-a-ssh", "decky-b-ssh", "decky-d-ssh");
    }

    @Test
    void aFailedRebuildLeavesTheViewUntrustedAndAsksTheStreamToReconnect() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING)));
        lists.add(new ScriptedList(new Listing.Failed("docker daemon at unix:///x unreachable: connection refused"),
                List.of()));

        keeper.handle(new StreamItem.Connected(2, 0));
        keeper.handle(event(2, ev("c1", "die", "decky-a-ssh")));

        assertThat(keeper.publish()).isEmpty();
        assertThat(keeper.snapshot().generation()).isZero();
        assertThat(restarts).containsExactly("2: rebuilding the view failed: docker daemon at unix:///x "
                + "unreachable: connection refused");
        assertThat(keeper.lastFailure()).contains("rebuilding the view failed: docker daemon at unix:///x "
                + "unreachable: connection refused");
    }

    @Test
    void anUnchangedBatchPublishesNothingAndKeepsTheSameObservationObject() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING)));
        var before = keeper.snapshot().observation();

        keeper.handle(event(1, ev("c1", "health_status: healthy", "decky-a-ssh")));
        keeper.handle(event(1, ev("c1", "start", "decky-a-ssh")));

        assertThat(keeper.publish()).isEmpty();
        assertThat(keeper.snapshot().observation()).isSameAs(before);
    }

    @Test
    void aResyncOnScheduleFindsARepairsAndCountsAPlantedDivergence() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING),
                "c2", entry("decky-b-ssh", ContainerStatus.RUNNING)));
        keeper.plant("decky-a-ssh", ContainerStatus.EXITED);
        keeper.plant("decky-ghost-ssh", ContainerStatus.RUNNING);
        keeper.publish();
        clock.advance(RESYNC.minusSeconds(1));
        assertThat(keeper.resyncDue()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keeper.resyncDue()).isTrue();
        listReturns(Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING),
                "c2", entry("decky-b-ssh", ContainerStatus.RUNNING)));

        keeper.resync();
        assertThat(keeper.resyncs()).as("counted once its repair is published").isZero();
        Set<String> changed = keeper.publish();

        assertThat(keeper.resyncs()).isEqualTo(1);
        assertThat(keeper.divergences()).isEqualTo(2);
        assertThat(changed).containsExactlyInAnyOrder("decky-a-ssh", "decky-ghost-ssh");
        assertThat(keeper.snapshot().observation().containers()).isEqualTo(Map.of(
                "decky-a-ssh", ContainerStatus.RUNNING, "decky-b-ssh", ContainerStatus.RUNNING));
        assertThat(keeper.resyncDue()).isFalse();
    }

    @Test
    void eventsQueuedDuringTheResyncsListAreNoDivergence() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING)));
        // The list already shows c1 dead and c2 created; their events were queued while it ran.
        lists.add(new ScriptedList(new Listing.Listed(Map.of("c1", entry("decky-a-ssh", ContainerStatus.EXITED),
                "c2", entry("decky-b-ssh", ContainerStatus.CREATED))),
                List.of(event(1, ev("c1", "die", "decky-a-ssh")), event(1, ev("c2", "create", "decky-b-ssh")))));

        keeper.resync();

        assertThat(keeper.publish()).containsExactlyInAnyOrder("decky-a-ssh", "decky-b-ssh");
        assertThat(keeper.resyncs()).isEqualTo(1);
        assertThat(keeper.divergences()).isZero();
        assertThat(keeper.snapshot().observation().containers()).isEqualTo(Map.of(
                "decky-a-ssh", ContainerStatus.EXITED, "decky-b-ssh", ContainerStatus.CREATED));
    }

    @Test
    void aResyncInterruptedByADisconnectComparesNothingAndLeavesTheViewUntrusted() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING)));
        lists.add(new ScriptedList(new Listing.Listed(Map.of("c1", entry("decky-a-ssh", ContainerStatus.EXITED))),
                List.of(new StreamItem.Disconnected(1, "connection reset", 0))));

        keeper.resync();
        keeper.publish();

        assertThat(keeper.resyncs()).isZero();
        assertThat(keeper.divergences()).isZero();
        assertThat(keeper.snapshot().generation()).isZero();
    }

    @Test
    void aFailedResyncMakesTheViewUntrustedAndRestartsTheStream() {
        connect(1, Map.of("c1", entry("decky-a-ssh", ContainerStatus.RUNNING)));
        lists.add(new ScriptedList(new Listing.Failed("docker daemon at unix:///x did not answer within 8s"),
                List.of()));

        keeper.resync();
        keeper.publish();

        assertThat(keeper.snapshot().generation()).isZero();
        assertThat(restarts).containsExactly("1: resync failed: docker daemon at unix:///x did not answer within 8s");
    }

    private void connect(long generation, Map<String, ViewEntry> listed) {
        listReturns(listed);
        keeper.handle(new StreamItem.Connected(generation, 0));
        keeper.publish();
        assertThat(keeper.snapshot().generation()).isEqualTo(generation);
    }

    private void listReturns(Map<String, ViewEntry> byId) {
        lists.add(new ScriptedList(new Listing.Listed(byId), List.of()));
    }

    private Listing list() {
        ScriptedList next = lists.remove();
        queue.addAll(next.queuedDuringTheCall());
        return next.result();
    }

    private List<StreamItem> drain() {
        List<StreamItem> items = List.copyOf(queue);
        queue.clear();
        return items;
    }

    private static StreamItem.Event event(long generation, ContainerEvent event) {
        return new StreamItem.Event(generation, event, 0);
    }

    private static ViewEntry entry(String name, ContainerStatus status) {
        return ViewEntry.of(name, status);
    }

    private record ScriptedList(Listing result, List<StreamItem> queuedDuringTheCall) {
    }
}
