package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DesiredFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing state file is an absent fleet only when it stays missing for the settle time. */
class AbsentSettleTest {
    private static final String FLEET = "{\"config\": {\"deckies\": [{\"name\": \"d1\", \"ip\": \"10.0.0.2\","
            + " \"services\": [\"ssh\"]}]}}";

    @TempDir
    Path dir;
    private final List<Duration> slept = new ArrayList<>();

    private StateFileSource source(Path file, Runnable duringTheWait) {
        return StateFileSource.builder(file).absentSettle(Duration.ofMillis(700)).sleeper(d -> {
            slept.add(d);
            duringTheWait.run();
        }).build();
    }

    @Test
    void aFileThatComesBackWithinTheSettleTimeIsReadAsItIsThen() {
        Path file = dir.resolve("decnet-state.json");

        DesiredFleet fleet = source(file, () -> write(file, FLEET)).read();

        assertThat(fleet).isInstanceOf(DesiredFleet.Present.class);
        assertThat(((DesiredFleet.Present) fleet).deckies()).singleElement().extracting(d -> d.name())
                .isEqualTo("d1");
        assertThat(slept).containsExactly(Duration.ofMillis(700));
    }

    @Test
    void aFileThatComesBackHalfWrittenIsUnreadableSoNothingChanges() {
        Path file = dir.resolve("decnet-state.json");

        DesiredFleet fleet = source(file, () -> write(file, FLEET.substring(0, 30))).read();

        assertThat(fleet).isInstanceOf(DesiredFleet.Unreadable.class);
    }

    @Test
    void aFileThatStaysMissingIsAnAbsentFleetAfterOneWait() {
        Path file = dir.resolve("decnet-state.json");

        assertThat(source(file, () -> { }).read()).isEqualTo(DesiredFleet.absent(file.toString()));
        assertThat(slept).containsExactly(Duration.ofMillis(700));
    }

    @Test
    void aPresentFileOrAMissingDirectoryIsNeverWaitedFor() {
        Path file = write(dir.resolve("decnet-state.json"), FLEET);

        assertThat(source(file, () -> { }).read()).isInstanceOf(DesiredFleet.Present.class);
        assertThat(source(dir.resolve("nope").resolve("x.json"), () -> { }).read())
                .isInstanceOf(DesiredFleet.Unreadable.class);
        assertThat(slept).isEmpty();
    }

    @Test
    void aZeroSettleTimeTakesAMissingFileAsAbsentAtOnce() {
        Path file = dir.resolve("decnet-state.json");
        StateFileSource source = StateFileSource.builder(file).absentSettle(Duration.ZERO)
                .sleeper(d -> slept.add(d)).build();

        assertThat(source.read()).isInstanceOf(DesiredFleet.Absent.class);
        assertThat(slept).isEmpty();
    }

    @Test
    void anInterruptedWaitChangesNothingAndKeepsTheInterrupt() {
        Path file = dir.resolve("decnet-state.json");
        StateFileSource source = StateFileSource.builder(file).sleeper(d -> {
            throw new InterruptedException();
        }).build();

        try {
            assertThat(source.read()).isInstanceOf(DesiredFleet.Unreadable.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void isStillAbsentChecksWithoutWaiting() {
        Path file = dir.resolve("decnet-state.json");
        StateFileSource source = source(file, () -> { });

        assertThat(source.isStillAbsent()).isTrue();
        write(file, FLEET);
        assertThat(source.isStillAbsent()).isFalse();
        assertThat(StateFileSource.of(dir.resolve("nope").resolve("x.json")).isStillAbsent()).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void theDefaultIsOneSecondAndTheBuilderRefusesNonsense() {
        assertThat(StateFileSource.of(dir.resolve("x.json")).absentSettle()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> StateFileSource.builder(dir).absentSettle(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absentSettle");
        assertThatThrownBy(() -> StateFileSource.builder(dir).absentSettle(Duration.ofMinutes(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1M");
        assertThatThrownBy(() -> StateFileSource.builder(dir).sleeper(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sleeper");
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
