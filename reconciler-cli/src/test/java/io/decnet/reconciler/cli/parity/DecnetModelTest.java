package io.decnet.reconciler.cli.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.cli.parity.Expectation.ExpectedRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parity suite's model on its own: if it is wrong, parity proves nothing. */
class DecnetModelTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Map<String, String> CONTAINERS = Map.of(
            "a-ssh", "running", "a-smtp-relay", "running", "a-http", "exited", "a-ftp", "created",
            "a-telnet", "paused", "b-sshd", "running", "b-ssh-old", "running", "b-smtp_relay", "running",
            "web-01-ssh", "running");

    private static Decky decky(String name, String... services) {
        return Decky.of(name, "10.0.0.9", List.of(services), null);
    }

    private static Row row(String host, Decky d, String state, Duration age) {
        return new Row(host, d.name(), d.servicesJson(), d.json(), d.ip(), state, null, null, null,
                DecnetTime.format(NOW.minus(age), DecnetTime.Spelling.DECNET));
    }

    private static Row local(Decky d, String state) {
        return row(DecnetModel.HOST, d, state, Duration.ofHours(2));
    }

    private static Expectation expect(StateInput state, boolean docker, Row... rows) {
        return DecnetModel.expect(new Scenario(1, 0, List.of(rows), state, docker, false), CONTAINERS, NOW);
    }

    private static StateInput file(Decky... deckies) {
        return new StateInput.Present(List.of(deckies));
    }

    private static ExpectedRow final_(Expectation e, String host, String name) {
        return e.table().get(new Row.Key(host, name));
    }

    @Test
    void aDeckyRunsOnlyWhenEveryExpectedContainerRuns() {
        assertThat(DecnetModel.aggregate(decky("a", "ssh", "smtp_relay"), CONTAINERS)).isEqualTo("running");
        assertThat(DecnetModel.aggregate(decky("a", "ssh", "http"), CONTAINERS)).isEqualTo("degraded");
        assertThat(DecnetModel.aggregate(decky("a", "ssh", "pop3"), CONTAINERS)).isEqualTo("degraded");
    }

    @Test
    void createdExitedAndPausedContainersDoNotCountAsRunning() {
        assertThat(DecnetModel.aggregate(decky("a", "http", "ftp", "telnet"), CONTAINERS)).isEqualTo("failed");
        assertThat(DecnetModel.aggregate(decky("a", "ftp", "pop3"), CONTAINERS)).isEqualTo("failed");
    }

    @Test
    void nearMissNamesAreNotTheDeckysContainers() {
        assertThat(DecnetModel.aggregate(decky("b", "ssh", "smtp_relay"), CONTAINERS)).isEqualTo("torn_down");
        assertThat(DecnetModel.aggregate(decky("web", "ssh"), CONTAINERS)).isEqualTo("torn_down");
        assertThat(DecnetModel.aggregate(decky("web-01", "ssh"), CONTAINERS)).isEqualTo("running");
        assertThat(DecnetModel.containerName("web", "smtp_relay")).isEqualTo("web-smtp-relay");
    }

    @Test
    void aMissingRowIsInsertedWithDockersStateOrRunningWhenDockerIsUnreachable() {
        Decky a = decky("a", "ssh", "http");
        assertThat(final_(expect(file(a), true), "local", "a").state()).isEqualTo("degraded");
        Expectation blind = expect(file(a), false);
        assertThat(final_(blind, "local", "a").state()).isEqualTo("running");
        assertThat(blind.countsLine()).contains("reconcile: inserted=1 deleted=0 state_updated=0");
        assertThat(blind.exitCode()).isZero();
    }

    @Test
    void anyStateOtherThanDockersAggregateIsUpdatedByExactCompare() {
        Decky a = decky("a", "ssh");
        for (String stored : List.of("RUNNING", "", "   ", "running ", "failed", "booting")) {
            Expectation e = expect(file(a), true, local(a, stored));
            assertThat(final_(e, "local", "a").state()).as(stored).isEqualTo("running");
            assertThat(e.countsLine()).as(stored).contains("reconcile: inserted=0 deleted=0 state_updated=1");
        }
        Expectation same = expect(file(a), true, local(a, "running"));
        assertThat(final_(same, "local", "a").isUnchanged()).isTrue();
    }

    @Test
    void staleServicesAndGarbledConfigAreRewrittenWithoutCountingAsStateUpdates() {
        Decky a = decky("a", "ssh");
        Row stale = new Row("local", "a", "not json", "[1, 2]", null, "running", null, null, null,
                DecnetTime.format(NOW.minusSeconds(7200), DecnetTime.Spelling.DECNET));
        Expectation e = expect(file(a), true, stale);
        assertThat(final_(e, "local", "a")).isEqualTo(ExpectedRow.written(stale.key(), "running", a));
        assertThat(e.countsLine()).contains("reconcile: inserted=0 deleted=0 state_updated=0");
    }

    @Test
    void configSpelledOtherwiseIsTheSameValueAndNoDrift() {
        Decky a = decky("a", "ssh");
        Row r = new Row("local", "a", "[\"ssh\"]", a.jsonReordered(), a.ip(), "running", null, null, null,
                DecnetTime.format(NOW.minusSeconds(7200), DecnetTime.Spelling.DECNET));
        assertThat(final_(expect(file(a), true, r), "local", "a").isUnchanged()).isTrue();
    }

    @Test
    void aTransitionalRowInsideItsGraceIsLeftAloneEvenWhenItsDeckyIsGone() {
        Decky a = decky("a", "ssh");
        Row pending = row("local", a, "pending", Duration.ofMinutes(1));
        Row tearing = row("local", decky("b", "ssh"), "tearing_down", Duration.ofMinutes(1));
        Expectation e = expect(file(), true, pending, tearing);
        assertThat(final_(e, "local", "a").isUnchanged()).isTrue();
        assertThat(final_(e, "local", "b").isUnchanged()).isTrue();
        assertThat(e.countsLine()).contains("reconcile: inserted=0 deleted=0 state_updated=0");
    }

    @Test
    void aTransitionalRowPastItsGraceOrWithAnUnreadableTimeIsReconciled() {
        Decky a = decky("a", "ssh");
        Row old = row("local", a, "pending", Duration.ofMinutes(30));
        assertThat(final_(expect(file(a), true, old), "local", "a").state()).isEqualTo("running");
        Row garbage = new Row("local", "a", a.servicesJson(), a.json(), a.ip(), "pending", null, null, null,
                "not a time");
        assertThat(final_(expect(file(a), true, garbage), "local", "a").state()).isEqualTo("running");
        Row shouting = row("local", a, "PENDING", Duration.ofMinutes(1));
        assertThat(expect(file(), true, shouting).table()).isEmpty();
    }

    @Test
    void timestampsWithTOrWithoutFractionAreReadable() {
        Instant t = NOW.minusSeconds(60);
        assertThat(DecnetTime.parse(DecnetTime.format(t, DecnetTime.Spelling.WITH_T))).contains(t);
        assertThat(DecnetTime.parse(DecnetTime.format(t, DecnetTime.Spelling.NO_FRACTION))).contains(t);
        assertThat(DecnetTime.parse("2026-13-45 99:99:99")).isEmpty();
        assertThat(DecnetTime.parse("")).isEmpty();
        assertThat(DecnetTime.WRITTEN.matcher(DecnetTime.format(t, DecnetTime.Spelling.DECNET)).matches()).isTrue();
    }

    @Test
    void dockerUnreachableChangesNoStateAndLeavesTransitionalRowsAlone() {
        Decky a = decky("a", "ssh");
        Decky b = decky("b", "ssh");
        Row blank = new Row("local", "a", "[]", null, a.ip(), "", null, null, null, "not a time");
        Row tearing = row("local", b, "tearing_down", Duration.ofMinutes(30));
        Row staleTearing = new Row("local", "b", "[]", null, null, "tearing_down", null, null, null,
                tearing.updatedAt());
        Expectation e = expect(file(a, b), false, blank, staleTearing);
        assertThat(final_(e, "local", "a")).isEqualTo(ExpectedRow.written(blank.key(), "", a));
        assertThat(final_(e, "local", "b").isUnchanged()).isTrue();
        assertThat(e.countsLine()).contains("reconcile: inserted=0 deleted=0 state_updated=0");
    }

    @Test
    void peerRowsNeverChangeAndPeerDeckiesAreNotThisHostsBusiness() {
        Decky a = decky("a", "ssh");
        Decky peers = a.with("host_uuid", "peer-1");
        Row mine = local(a, "running");
        Row theirs = row("peer-1", a, "", Duration.ofHours(3));
        Row nearlyMine = row("local ", decky("c", "ssh"), "RUNNING", Duration.ofHours(3));
        Expectation e = expect(file(peers, decky("c", "ssh").with("host_uuid", "local")), true, mine, theirs,
                nearlyMine);
        assertThat(final_(e, "local", "a")).isNull();
        assertThat(final_(e, "peer-1", "a").isUnchanged()).isTrue();
        assertThat(final_(e, "local ", "c").isUnchanged()).isTrue();
        assertThat(final_(e, "local", "c").state()).isEqualTo("torn_down");
        assertThat(e.countsLine()).contains("reconcile: inserted=1 deleted=1 state_updated=0");
    }

    @Test
    void anAbsentFileEmptiesThisHostExceptRowsInFlight() {
        Row a = local(decky("a", "ssh"), "running");
        Row b = row("local", decky("b", "ssh"), "pending", Duration.ofMinutes(1));
        Row peer = row("peer-1", decky("a", "ssh"), "running", Duration.ofHours(1));
        Expectation e = expect(new StateInput.Absent(), true, a, b, peer);
        assertThat(e.table().keySet()).containsExactlyInAnyOrder(b.key(), peer.key());
        assertThat(e.countsLine()).contains("reconcile: inserted=0 deleted=1 state_updated=0");
        assertThat(e.exitCode()).isZero();
    }

    @Test
    void anUnreadableFileOrAMissingDirectoryChangesNothingAndPrintsNoCounts() {
        Row a = local(decky("a", "ssh"), "failed");
        for (StateInput broken : List.of(new StateInput.Unreadable("truncated", "{\"config\": {"),
                new StateInput.MissingDirectory())) {
            Expectation e = expect(broken, true, a);
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.countsLine()).isEmpty();
            assertThat(final_(e, "local", "a").isUnchanged()).isTrue();
        }
    }
}
