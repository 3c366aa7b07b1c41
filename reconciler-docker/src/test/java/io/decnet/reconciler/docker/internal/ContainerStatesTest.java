package io.decnet.reconciler.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DockerClientConfig;
import io.decnet.reconciler.api.ContainerStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mapping the daemon's {@code /containers/json} reply, parsed by docker-java as in production. */
class ContainerStatesTest {

    @Test
    void namesLoseTheirLeadingSlashAndStatesAreDockersOwn() {
        Map<String, ContainerStatus> seen = map("""
                [{"Names":["/decky-01-ssh"],"State":"running","Status":"Up 2 hours"},
                 {"Names":["/decky-01-smtp-relay"],"State":"exited","Status":"Exited (137) 5 seconds ago"},
                 {"Names":["/decky-01-http"],"State":"paused","Status":"Up 2 hours (Paused)"},
                 {"Names":["/decky-01-ftp"],"State":"created","Status":"Created"},
                 {"Names":["/decky-01-telnet"],"State":"restarting","Status":"Restarting (1) 2 seconds ago"},
                 {"Names":["/decky-01-rdp"],"State":"dead","Status":"Dead"},
                 {"Names":["/decky-01-vnc"],"State":"removing","Status":"Removal In Progress"}]""");

        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(
                "decky-01-ssh", ContainerStatus.RUNNING,
                "decky-01-smtp-relay", ContainerStatus.EXITED,
                "decky-01-http", ContainerStatus.PAUSED,
                "decky-01-ftp", ContainerStatus.CREATED,
                "decky-01-telnet", ContainerStatus.RESTARTING,
                "decky-01-rdp", ContainerStatus.DEAD,
                "decky-01-vnc", ContainerStatus.REMOVING));
        assertThat(seen.values()).filteredOn(ContainerStatus::isRunning).hasSize(1);
    }

    @Test
    void aLegacyLinkAliasIsNotTakenForAContainerName() {
        Map<String, ContainerStatus> seen = map("""
                [{"Names":["/decky-01-db"],"State":"exited"},
                 {"Names":["/decky-01-web","/decky-01-db/web"],"State":"running"}]""");

        assertThat(seen).containsOnlyKeys("decky-01-db", "decky-01-web")
                .containsEntry("decky-01-db", ContainerStatus.EXITED);
    }

    @Test
    void aContainerWithSeveralOwnNamesIsReportedUnderEach() {
        Map<String, ContainerStatus> seen = map("""
                [{"Names":["/decky-02-ssh","/decky-02-ssh-old"],"State":"running"}]""");

        assertThat(seen).containsEntry("decky-02-ssh", ContainerStatus.RUNNING)
                .containsEntry("decky-02-ssh-old", ContainerStatus.RUNNING);
    }

    @Test
    void containersWithoutANameAreSkipped() {
        Map<String, ContainerStatus> seen = map("""
                [{"State":"running"},{"Names":[],"State":"running"},{"Names":["/"],"State":"running"},
                 {"Names":["/decky-03-ssh"],"State":"running"}]""");

        assertThat(seen).containsOnlyKeys("decky-03-ssh");
    }

    @Test
    void aNameWithoutSlashAsSomeEnginesSendItIsKeptAsItIs() {
        assertThat(map("[{\"Names\":[\"decky-04-ssh\"],\"State\":\"running\"}]")).containsOnlyKeys("decky-04-ssh");
    }

    @Test
    void anUpperCaseStateIsLowerCased() {
        assertThat(map("[{\"Names\":[\"/d-ssh\"],\"State\":\"Running\"}]"))
                .containsEntry("d-ssh", ContainerStatus.RUNNING);
    }

    @Test
    void aStateThisLibraryDoesNotKnowIsCarriedAndDoesNotCountAsRunning() {
        Map<String, ContainerStatus> seen = map("[{\"Names\":[\"/d-ssh\"],\"State\":\"hibernating\"}]");

        assertThat(seen).containsEntry("d-ssh", ContainerStatus.of("hibernating"));
        assertThat(seen.get("d-ssh").isRunning()).isFalse();
    }

    @Test
    void withoutAStateFieldAsOldDaemonsReplyTheStatusTextIsRead() {
        Map<String, ContainerStatus> seen = map("""
                [{"Names":["/a"],"Status":"Up 3 minutes"},
                 {"Names":["/b"],"Status":"Up 3 minutes (Paused)"},
                 {"Names":["/c"],"Status":"Exited (0) 2 days ago"},
                 {"Names":["/d"],"Status":"Created"},
                 {"Names":["/e"],"Status":"Restarting (1) 1 second ago"},
                 {"Names":["/f"],"Status":"Removal In Progress"},
                 {"Names":["/g"],"Status":"Dead"},
                 {"Names":["/h"],"Status":"something new"},
                 {"Names":["/i"]}]""");

        assertThat(seen).containsEntry("a", ContainerStatus.RUNNING).containsEntry("b", ContainerStatus.PAUSED)
                .containsEntry("c", ContainerStatus.EXITED).containsEntry("d", ContainerStatus.CREATED)
                .containsEntry("e", ContainerStatus.RESTARTING).containsEntry("f", ContainerStatus.REMOVING)
                .containsEntry("g", ContainerStatus.DEAD).containsEntry("h", ContainerStates.UNKNOWN)
                .containsEntry("i", ContainerStates.UNKNOWN);
    }

    @Test
    void shouldADaemonRepeatANameTheRunningContainerWins() {
        assertThat(map("""
                [{"Names":["/d-ssh"],"State":"exited"},{"Names":["/d-ssh"],"State":"running"},
                 {"Names":["/d-ssh"],"State":"created"}]""")).containsEntry("d-ssh", ContainerStatus.RUNNING);
    }

    @Test
    void anEmptyListIsAnEmptyObservation() {
        assertThat(map("[]")).isEmpty();
    }

    private static Map<String, ContainerStatus> map(String json) {
        try {
            List<Container> containers = DockerClientConfig.getDefaultObjectMapper()
                    .readValue(json, new TypeReference<List<Container>>() { });
            return ContainerStates.byName(containers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
