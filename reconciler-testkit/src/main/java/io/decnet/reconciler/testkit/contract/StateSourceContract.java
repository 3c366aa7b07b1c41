package io.decnet.reconciler.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.testkit.Deckies;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StateSource}: every implementation's test extends this class and arranges the source
 * to hold a fleet, nothing, or something unreadable.
 *
 * <pre>{@code
 * class StateFileSourceTest extends StateSourceContract {
 *     @TempDir Path dir;
 *     Path file() { return dir.resolve("decnet-state.json"); }
 *
 *     @Override protected void givenFleet(List<DeckySpec> deckies) throws IOException {
 *         Files.writeString(file(), Deckies.stateFileJson(deckies));
 *     }
 *     @Override protected void givenAbsent() { }
 *     @Override protected void givenUnreadable() throws IOException { Files.writeString(file(), "[1, 2"); }
 *     @Override protected StateSource source() { return StateFileSource.of(file()); }
 * }
 * }</pre>
 *
 * <p>The deckies given to {@link #givenFleet} come from {@link Deckies}, so each one's
 * {@link DeckySpec#configJson()} is the complete decky object; {@link Deckies#stateFileJson(List)} turns a list of
 * them into a state file.
 *
 * <p>The tests come in named parts, {@code @Nested} inner classes that JUnit runs for every subclass: a present
 * fleet, a source holding nothing and an unreadable source.
 *
 * <p>Not thread-safe; JUnit runs each test on one instance.
 */
public abstract class StateSourceContract {

    /** Makes the source hold a present fleet of {@code deckies}, in this order. */
    protected abstract void givenFleet(List<DeckySpec> deckies) throws Exception;

    /** Makes the source hold nothing at all (for a file: the file does not exist). */
    protected abstract void givenAbsent() throws Exception;

    /** Makes the source hold something it cannot trust (for a file: truncated JSON). */
    protected abstract void givenUnreadable() throws Exception;

    /** The source under test, reading what the {@code given...} methods arranged. */
    protected abstract StateSource source();

    @Nested
    @DisplayName("a present fleet")
    class PresentFleet {
        @Test
        void aPresentFleetReadsBackWithNamesIpsServicesAndHostsInFileOrder() throws Exception {
            List<DeckySpec> fleet = List.of(
                    Deckies.decky("zeta-01").ip("10.0.0.30").services("smtp_relay", "ssh").decnetDefaults().build(),
                    Deckies.decky("alpha-01").ip("10.0.0.10").services("http").host("host-b").build(),
                    Deckies.decky("mid_01.x").ip("10.0.0.20").services("ssh", "http", "ftp")
                            .field("archetype", "web").field("service_config", java.util.Map.of()).build());
            givenFleet(fleet);

            DesiredFleet read = source().read();

            assertThat(read).isInstanceOf(DesiredFleet.Present.class);
            List<DeckySpec> deckies = ((DesiredFleet.Present) read).deckies();
            assertThat(deckies).extracting(DeckySpec::name).containsExactly("zeta-01", "alpha-01", "mid_01.x");
            assertThat(deckies).extracting(DeckySpec::ip).containsExactly("10.0.0.30", "10.0.0.10", "10.0.0.20");
            assertThat(deckies).extracting(DeckySpec::services).containsExactly(
                    List.of("smtp_relay", "ssh"), List.of("http"), List.of("ssh", "http", "ftp"));
            assertThat(deckies).extracting(DeckySpec::hostUuid).containsExactly(null, "host-b", null);
            assertThat(deckies).allSatisfy(d -> assertThat(d.configJson().strip())
                    .startsWith("{").endsWith("}").contains(d.name()));
        }

        @Test
        void anEmptyFleetIsPresentWithNoDeckiesRatherThanAbsent() throws Exception {
            givenFleet(List.of());

            DesiredFleet read = source().read();

            assertThat(read).isInstanceOf(DesiredFleet.Present.class);
            assertThat(((DesiredFleet.Present) read).deckies()).isEmpty();
        }

        @Test
        void readingTwiceGivesTheSameFleet() throws Exception {
            givenFleet(List.of(Deckies.decky("web-01").services("ssh", "http").build()));
            StateSource source = source();

            DesiredFleet first = source.read();
            DesiredFleet second = source.read();

            assertThat(second).isEqualTo(first);
            assertThat(((DesiredFleet.Present) first).deckies()).extracting(DeckySpec::name).containsExactly("web-01");
        }
    }

    @Nested
    @DisplayName("a source holding nothing")
    class AbsentSource {
        @Test
        void aSourceHoldingNothingIsAbsentAndNamesWhereItLooked() throws Exception {
            givenAbsent();

            DesiredFleet read = source().read();

            assertThat(read).isInstanceOf(DesiredFleet.Absent.class);
            assertThat(((DesiredFleet.Absent) read).location()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("an unreadable source")
    class UnreadableSource {
        @Test
        void anUnreadableSourceIsUnreadableWithAReasonInsteadOfThrowing() throws Exception {
            givenUnreadable();

            DesiredFleet read = source().read();

            assertThat(read).isInstanceOf(DesiredFleet.Unreadable.class);
            assertThat(((DesiredFleet.Unreadable) read).reason()).isNotBlank();
        }
    }
}
