package io.decnet.reconciler.docker.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How events move the view, and why a list plus the events since it ends at the daemon's state. */
class ContainerViewTest {

    @Test
    void theLifeOfAContainerFollowsDockersStates() {
        ContainerView view = ContainerView.empty();

        assertStates(view, ev("c1", "create", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.CREATED));
        assertStates(view, ev("c1", "start", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.RUNNING));
        assertStates(view, ev("c1", "pause", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.PAUSED));
        assertStates(view, ev("c1", "unpause", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.RUNNING));
        assertStates(view, ev("c1", "kill", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.RUNNING));
        assertStates(view, ev("c1", "die", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.EXITED));
        assertStates(view, ev("c1", "stop", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.EXITED));
        assertStates(view, ev("c1", "restart", "decky-ssh"), Map.of("decky-ssh", ContainerStatus.RUNNING));
        assertStates(view, ev("c1", "destroy", "decky-ssh"), Map.of());
    }

    @Test
    void actionsThatSetNoStateChangeNothingAndSayNothingAboutUnknownContainers() {
        ContainerView view = ContainerView.of(Map.of("c1", ViewEntry.of("decky-ssh", ContainerStatus.RUNNING)));

        for (String action : List.of("health_status: unhealthy", "exec_start: sh -c true", "oom", "attach",
                "update", "top", "resize", "commit")) {
            assertThat(view.apply(ev("c1", action, "decky-ssh"))).as(action).isFalse();
            assertThat(view.apply(ev("c9", action, "other"))).as(action).isFalse();
        }
        assertThat(view.byName()).isEqualTo(Map.of("decky-ssh", ContainerStatus.RUNNING));
    }

    @Test
    void aRenameMovesTheContainerToItsNewName() {
        ContainerView view = ContainerView.of(Map.of("c1", ViewEntry.of("old-name", ContainerStatus.RUNNING)));

        assertThat(view.apply(ev("c1", "rename", "new-name"))).isTrue();

        assertThat(view.byName()).isEqualTo(Map.of("new-name", ContainerStatus.RUNNING));
    }

    @Test
    void aContainerRemovedAndMadeAgainUnderTheSameNameIsNotMixedUpWithTheOldOne() {
        ContainerView view = ContainerView.of(Map.of("old", ViewEntry.of("decky-ssh", ContainerStatus.RUNNING)));

        view.apply(ev("new", "create", "decky-ssh"));
        view.apply(ev("new", "start", "decky-ssh"));
        view.apply(ev("old", "die", "decky-ssh")); // late events of the old container change only the old one
        assertThat(view.byName()).isEqualTo(Map.of("decky-ssh", ContainerStatus.RUNNING));
        view.apply(ev("old", "destroy", "decky-ssh"));

        assertThat(view.byName()).isEqualTo(Map.of("decky-ssh", ContainerStatus.RUNNING));
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void aStateEventOfAContainerTheViewMissedAddsItUnderTheEventsName() {
        ContainerView view = ContainerView.empty();

        view.apply(ev("c1", "start", "/decky-ssh"));

        assertThat(view.byName()).isEqualTo(Map.of("decky-ssh", ContainerStatus.RUNNING));
    }

    @Test
    void aSnapshotPlusEveryEventFromAnyEarlierPointOnEndsAtTheStateOfAllEvents() {
        Random random = new Random(12);
        for (int round = 0; round < 500; round++) {
            List<ContainerEvent> history = randomHistory(random, 60);
            ContainerView truth = ContainerView.empty();
            history.forEach(truth::apply);

            int snapshotAt = random.nextInt(history.size() + 1);
            ContainerView snapshot = ContainerView.empty();
            history.subList(0, snapshotAt).forEach(snapshot::apply);
            // The stream was subscribed some time before the snapshot: events from there on are applied again.
            int subscribedAt = random.nextInt(snapshotAt + 1);
            ContainerView rebuilt = snapshot.copy();
            history.subList(subscribedAt, history.size()).forEach(rebuilt::apply);

            assertThat(rebuilt.byName()).as("round %d: snapshot at %d, stream from %d", round, snapshotAt,
                    subscribedAt).isEqualTo(truth.byName());
        }
    }

    @Test
    void changedNamesAreThoseAddedRemovedOrInAnotherState() {
        assertThat(ContainerView.changedNames(
                Map.of("a", ContainerStatus.RUNNING, "b", ContainerStatus.RUNNING, "c", ContainerStatus.EXITED),
                Map.of("a", ContainerStatus.RUNNING, "b", ContainerStatus.EXITED, "d", ContainerStatus.CREATED)))
                .containsExactlyInAnyOrder("b", "c", "d");
    }

    /** Plausible lives of a few containers, interleaved: created, started, paused, killed, renamed, removed. */
    private static List<ContainerEvent> randomHistory(Random random, int length) {
        List<ContainerEvent> events = new ArrayList<>();
        String[] names = new String[6];
        String[] actions = {"start", "die", "pause", "unpause", "restart", "rename", "kill", "health_status: ok",
            "destroy"};
        int nextId = 0;
        while (events.size() < length) {
            int slot = random.nextInt(names.length);
            if (names[slot] == null) {
                names[slot] = "id" + nextId++;
                events.add(ev(names[slot], "create", "c" + slot + "-" + random.nextInt(3)));
                continue;
            }
            String action = actions[random.nextInt(actions.length)];
            events.add(ev(names[slot], action, "c" + slot + "-" + random.nextInt(3)));
            if (action.equals("destroy")) {
                names[slot] = null;
            }
        }
        return events;
    }

    private static void assertStates(ContainerView view, ContainerEvent event, Map<String, ContainerStatus> expected) {
        view.apply(event);
        assertThat(view.byName()).as("after %s", event.action()).isEqualTo(expected);
    }

    static ContainerEvent ev(String id, String action, String name) {
        return ContainerEvent.of(id, action, name);
    }
}
