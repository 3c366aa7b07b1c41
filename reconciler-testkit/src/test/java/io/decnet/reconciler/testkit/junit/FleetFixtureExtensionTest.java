package io.decnet.reconciler.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.Rows;
import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class FleetFixtureExtensionTest {

    @Nested
    @ExtendWith(FleetFixtureExtension.class)
    class WithTheDefaults {
        private static final Set<FleetFixture> SEEN = ConcurrentHashMap.newKeySet();

        private FleetFixture beforeEach;

        @BeforeEach
        void remember(FleetFixture fleet) {
            beforeEach = fleet;
        }

        @AfterEach
        void sameFixtureAfterTheTest(FleetFixture fleet) {
            assertThat(fleet).isSameAs(beforeEach);
        }

        @Test
        void aTestGetsAnEmptyFleetForHostLocalOnAManualClockAtItsDefaultStart(FleetFixture fleet) {
            assertThat(fleet.host()).isEqualTo(FleetFixtureExtension.DEFAULT_HOST).isEqualTo("local");
            assertThat(fleet.state().read()).isEqualTo(DesiredFleet.present(List.of()));
            assertThat(fleet.store().allRows()).isEmpty();
            assertThat(fleet.runtime().observe()).isEqualTo(new RuntimeObservation.Observed(java.util.Map.of()));
            assertThat(fleet.clock().instant()).isEqualTo(ManualClock.DEFAULT_START);
            assertThat(fleet.events().events()).isEmpty();
        }

        @Test
        void theTestAndItsBeforeEachAndAfterEachMethodsShareOneFixture(FleetFixture fleet) {
            assertThat(fleet).isSameAs(beforeEach);
        }

        @RepeatedTest(3)
        void eachTestGetsAFreshFixture(FleetFixture fleet) {
            assertThat(SEEN.add(fleet)).as("a fixture no earlier test had").isTrue();
            assertThat(fleet.store().allRows()).isEmpty();
            assertThat(fleet.clock().instant()).isEqualTo(ManualClock.DEFAULT_START);

            fleet.store().put(Rows.row("web-01").host(fleet.host()).build());
            fleet.state().fleet(Deckies.decky("web-01").build());
            fleet.clock().advance(Duration.ofHours(1));
        }

        @Test
        void runHandsThePassTheFixturesPortsAndHost(FleetFixture fleet) {
            String result = fleet.run((state, store, runtime, host) -> {
                assertThat(state).isSameAs(fleet.state());
                assertThat(store).isSameAs(fleet.store());
                assertThat(runtime).isSameAs(fleet.runtime());
                return host;
            });

            assertThat(result).isEqualTo("local");
        }
    }

    @Nested
    class ConfiguredThroughRegisterExtension {
        private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

        @RegisterExtension
        final FleetFixtureExtension other = FleetFixtureExtension.create().withHost("host-b").withClockAt(START);

        @Test
        void fixturesHaveTheHostAndClockStartItNames(FleetFixture fleet) {
            assertThat(fleet.host()).isEqualTo("host-b");
            assertThat(fleet.clock().instant()).isEqualTo(START);
            String host = fleet.run((state, store, runtime, hostUuid) -> hostUuid);
            assertThat(host).isEqualTo("host-b");
        }
    }

    @Test
    void aBlankHostOrNoClockStartIsRejected() {
        FleetFixtureExtension extension = FleetFixtureExtension.create();

        assertThatThrownBy(() -> extension.withHost(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hostUuid must name one host, got \" \"");
        assertThatThrownBy(() -> extension.withHost(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hostUuid must name one host, got null");
        assertThatThrownBy(() -> extension.withClockAt(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFixtureAskedForOutsideOneTestFailsSayingWhereToAskInstead() {
        for (Class<?> misuse : List.of(ConstructorAsksForAFixture.class, BeforeAllAsksForAFixture.class)) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(misuse)).build();
            LauncherFactory.create().execute(request, listener);

            TestExecutionSummary summary = listener.getSummary();
            assertThat(summary.getTestsSucceededCount()).as(misuse.getSimpleName()).isZero();
            assertThat(summary.getFailures()).as(misuse.getSimpleName()).singleElement()
                    .satisfies(failure -> assertThat(failure.getException())
                            .hasMessageContaining("a FleetFixture belongs to one test")
                            .hasMessageContaining("declare the parameter on the @Test method"));
        }
    }

    // Run only by the test above: static, so neither JUnit (no @Nested) nor Surefire (an inner class) picks them up.

    @ExtendWith(FleetFixtureExtension.class)
    static class ConstructorAsksForAFixture {
        ConstructorAsksForAFixture(FleetFixture fleet) {
        }

        @Test
        void test() {
        }
    }

    @ExtendWith(FleetFixtureExtension.class)
    static class BeforeAllAsksForAFixture {
        @BeforeAll
        static void setUp(FleetFixture fleet) {
        }

        @Test
        void test() {
        }
    }
}
