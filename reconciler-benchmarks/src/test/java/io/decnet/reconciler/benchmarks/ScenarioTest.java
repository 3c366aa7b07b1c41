package io.decnet.reconciler.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks' inputs are what their names say, so that a figure measures the path it is reported for. */
class ScenarioTest {

    private static final int DECKIES = 1000;
    private static final List<DeckySpec> FLEET = Fleets.deckies(DECKIES);

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void eachScenarioPlansExactlyTheChangesItIsNamedFor(Scenario scenario) {
        Scenario.Ports ports = scenario.ports(FLEET);
        ReconcileReport report = Fleets.reconciler().dryRun(ports.state(), ports.store(), ports.runtime(),
                Fleets.HOST);

        assertThatCode(() -> scenario.check(report, DECKIES)).doesNotThrowAnyException();
    }

    @Test
    void aPassThatPlansOtherChangesFailsTheCheckWithBothCounts() {
        Scenario.Ports empty = Scenario.FULL_DRIFT.ports(FLEET);
        ReconcileReport inserts = Fleets.reconciler().dryRun(empty.state(), empty.store(), empty.runtime(),
                Fleets.HOST);

        assertThatThrownBy(() -> Scenario.STATE_DRIFT.check(inserts, DECKIES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stateUpdated=100")
                .hasMessageContaining("inserted=1000");
    }

    @Test
    void aFullInsertPassLeavesOneRowPerDeckyInTheStore() {
        Scenario.Ports ports = Scenario.FULL_DRIFT.ports(FLEET);

        ReconcileReport report = Fleets.reconciler().reconcileOnce(ports.state(), ports.store(), ports.runtime(),
                Fleets.HOST);

        Scenario.FULL_DRIFT.check(report, DECKIES);
        assertThat(ports.store().rows(Fleets.HOST)).hasSize(DECKIES);
    }

    @Test
    void generatedDeckiesHaveThreeServicesAndAConfigOfAbout400Bytes() {
        assertThat(FLEET).allSatisfy(decky -> {
            assertThat(decky.services()).hasSize(3);
            assertThat(decky.configJson().getBytes(StandardCharsets.UTF_8).length).isBetween(350, 450);
        });
        assertThat(FLEET).extracting(DeckySpec::ip).doesNotHaveDuplicates();
    }

    @Test
    void theGeneratedStateFileReadsBackAsTheGeneratedFleet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("decnet-state.json");
        Files.writeString(file, Deckies.stateFileJson(FLEET));

        DesiredFleet read = StateFileSource.of(file).read();

        assertThat(read).isInstanceOfSatisfying(DesiredFleet.Present.class,
                present -> assertThat(present.deckies()).isEqualTo(FLEET));
    }

    @Test
    void pythonSpacingSpacesSeparatorsOutsideStringsOnly() {
        String compact = "{\"a\":\"x,y:z \\\",\",\"b\":[1,2],\"c\":{\"d\":null}}";

        assertThat(Fleets.pythonSpacing(compact))
                .isEqualTo("{\"a\": \"x,y:z \\\",\", \"b\": [1, 2], \"c\": {\"d\": null}}");
    }
}
