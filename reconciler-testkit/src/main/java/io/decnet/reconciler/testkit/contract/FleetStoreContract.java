package io.decnet.reconciler.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.testkit.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link FleetStore}: every implementation's test extends this class and implements
 * {@link #newStore()}.
 *
 * <pre>{@code
 * class SqliteFleetStoreTest extends FleetStoreContract {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected FleetStore newStore() {
 *         return JdbiFleetStore.sqlite(dir.resolve("fleet.db"));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #newStore()} is called lazily, at most once per test and after the subclass's own
 * {@code @BeforeEach} methods, so a subclass may start a connection or create a table there and drop it in
 * {@code @AfterEach}. Every test uses host names unique to that test, so a table shared between tests works too.
 * Stores whose timestamp columns hold less than microseconds override {@link #timestampPrecision()}.
 *
 * <p>The tests come in named parts, {@code @Nested} inner classes that JUnit runs for every subclass: reading and
 * round trips, host isolation, conditional writes, batches, timestamps and literal values. The subclass's own
 * {@code @BeforeEach}, {@code @AfterEach} and {@code @TempDir} fields apply to every part.
 *
 * <p>Not thread-safe; JUnit runs each test on one instance.
 */
public abstract class FleetStoreContract {

    /** A time with no fraction, exact at every precision. */
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    /** A later time with no fraction. */
    protected static final Instant T1 = Instant.parse("2026-03-04T05:16:07Z");
    /** A time with nanoseconds, to see how a store truncates. */
    protected static final Instant T_NANOS = Instant.parse("2026-03-04T05:06:07.123456789Z");
    /** A later time with nanoseconds. */
    protected static final Instant T_NANOS_LATER = Instant.parse("2026-03-04T05:26:08.987654321Z");

    /** This test's host. */
    protected final String hostA = "contract-a-" + UUID.randomUUID().toString().substring(0, 8);
    /** Another host, whose rows {@link #hostA} must never see. */
    protected final String hostB = "contract-b-" + UUID.randomUUID().toString().substring(0, 8);

    private FleetStore store;

    /**
     * A store over an empty {@code fleet_deckies} table (or one that holds no rows of the hosts named
     * {@code contract-...}). Called at most once per test.
     */
    protected abstract FleetStore newStore();

    /** What the store's timestamp columns hold: microseconds by default; MySQL/MariaDB stores return seconds. */
    protected Duration timestampPrecision() {
        return Duration.ofNanos(1_000);
    }

    /** The store under test, created on first use. */
    protected final FleetStore store() {
        if (store == null) {
            store = newStore();
            assertThat(store).as("newStore()").isNotNull();
        }
        return store;
    }

    /** {@code instant} truncated to {@link #timestampPrecision()}, as the store should read it back. */
    protected final Instant truncated(Instant instant) {
        long precision = timestampPrecision().toNanos();
        if (precision <= 0 || (precision < 1_000_000_000L ? 1_000_000_000L % precision : precision % 1_000_000_000L)
                != 0) {
            throw new IllegalStateException("timestampPrecision() must divide a second or be whole seconds, got "
                    + timestampPrecision());
        }
        if (precision < 1_000_000_000L) {
            return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() - instant.getNano() % precision);
        }
        long seconds = precision / 1_000_000_000L;
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    @Nested
    @DisplayName("reading and round trips")
    class Reading {
        @Test
        void readingAHostWithNoRowsReturnsAnEmptyList() {
            assertThat(store().read(hostA)).isEmpty();
        }

        @Test
        void anInsertedRowReadsBackWithEveryColumnAndServicesInOrder() {
            FleetRow row = Rows.row("web-01").host(hostA).state(DeckyState.DEGRADED)
                    .services("smtp_relay", "ssh", "http")
                    .ip("10.0.0.11")
                    .config("{\"name\":\"web-01\",\"ip\":\"10.0.0.11\",\"services\":[\"smtp_relay\",\"ssh\",\"http\"],"
                            + "\"service_config\":{},\"last_mutated\":0.0,\"host_uuid\":null}")
                    .lastError("compose up failed: exit 1")
                    .composeHash("sha256:0f1e2d")
                    .lastSeen(T0)
                    .updatedAt(T1)
                    .build();

            assertThat(insert(hostA, row)).containsExactly(WriteOutcome.APPLIED);

            assertThat(store().read(hostA)).containsExactly(row);
        }

        @Test
        void nullOptionalColumnsReadBackAsNull() {
            FleetRow row = Rows.row("bare-01").host(hostA).build();

            insert(hostA, row);

            FleetRow read = only(hostA);
            assertThat(read.deckyConfig()).isNull();
            assertThat(read.deckyIp()).isNull();
            assertThat(read.lastError()).isNull();
            assertThat(read.composeHash()).isNull();
            assertThat(read.lastSeen()).isNull();
            assertThat(read).isEqualTo(row);
        }

        @Test
        void aStateThisLibraryDoesNotKnowIsReadBackAndComparedUnchanged() {
            FleetRow row = Rows.row("odd-01").host(hostA).state("quarantined").updatedAt(T0).build();
            insert(hostA, row);

            FleetRow read = only(hostA);
            assertThat(read.state()).isEqualTo(DeckyState.of("quarantined"));
            assertThat(read.state().isKnown()).isFalse();
            assertThat(store().apply(hostA, List.of(update(read, DeckyState.RUNNING, T1))))
                    .containsExactly(WriteOutcome.APPLIED);
            assertThat(only(hostA).state()).isEqualTo(DeckyState.RUNNING);
        }

        @Test
        void readingAndWritingWithABlankHostIsRejected() {
            assertThatThrownBy(() -> store().read(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().apply("",
                    List.of(new RowChange.Insert(Rows.row("x").host(hostA).build()))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store().read(hostA)).isEmpty();
        }
    }

    @Nested
    @DisplayName("host isolation")
    class HostIsolation {
        @Test
        void rowsOfAnotherHostAreNeverReadUpdatedOrDeletedEvenWithTheSameName() {
            FleetRow shared = Rows.row("shared-01").host(hostB).state(DeckyState.FAILED).updatedAt(T0).build();
            FleetRow onlyB = Rows.row("only-b-01").host(hostB).updatedAt(T0).build();
            insert(hostB, shared, onlyB);

            assertThat(store().read(hostA)).isEmpty();
            assertThat(store().apply(hostA, List.of(
                    update(shared, DeckyState.RUNNING, T1),
                    new RowChange.Delete(onlyB.name(), onlyB.state(), onlyB.updatedAt()),
                    new RowChange.Delete(shared.name(), shared.state(), shared.updatedAt()))))
                    .containsExactly(WriteOutcome.CONFLICT, WriteOutcome.CONFLICT, WriteOutcome.CONFLICT);
            assertThat(byName(hostB)).containsOnlyKeys("shared-01", "only-b-01")
                    .containsEntry("shared-01", shared).containsEntry("only-b-01", onlyB);

            FleetRow ownShared = Rows.row("shared-01").host(hostA).updatedAt(T1).build();
            assertThat(insert(hostA, ownShared)).containsExactly(WriteOutcome.APPLIED);
            assertThat(store().read(hostA)).containsExactly(ownShared);
            assertThat(store().apply(hostA, List.of(delete(ownShared)))).containsExactly(WriteOutcome.APPLIED);
            assertThat(store().read(hostA)).isEmpty();
            assertThat(byName(hostB)).containsEntry("shared-01", shared).hasSize(2);
        }

        @Test
        void anInsertWhoseRowNamesAnotherHostIsRejectedAndNothingOfTheCallIsApplied() {
            FleetRow own = Rows.row("own-01").host(hostA).build();
            FleetRow foreign = Rows.row("foreign-01").host(hostB).build();

            assertThatThrownBy(() -> store().apply(hostA,
                    List.of(new RowChange.Insert(own), new RowChange.Insert(foreign))))
                    .isInstanceOfAny(IllegalArgumentException.class, FleetStoreException.class);

            assertThat(store().read(hostA)).isEmpty();
            assertThat(store().read(hostB)).isEmpty();
        }
    }

    @Nested
    @DisplayName("conditional writes")
    class ConditionalWrites {
        @Test
        void insertingARowThatExistsIsAConflictAndLeavesTheRowUnchanged() {
            FleetRow existing = Rows.row("web-01").host(hostA).state(DeckyState.PENDING).updatedAt(T0).build();
            insert(hostA, existing);

            FleetRow again = Rows.row("web-01").host(hostA).state(DeckyState.RUNNING).services("http").updatedAt(T1)
                    .build();
            assertThat(insert(hostA, again)).containsExactly(WriteOutcome.CONFLICT);

            assertThat(store().read(hostA)).containsExactly(existing);
        }

        // updates

        @Test
        void anUpdateWhoseExpectationsHoldOverwritesTheManagedColumns() {
            FleetRow existing = Rows.row("web-01").host(hostA).state(DeckyState.RUNNING).services("ssh")
                    .ip("10.0.0.11").config("{\"name\":\"web-01\"}").lastSeen(T0).updatedAt(T0).build();
            insert(hostA, existing);

            RowChange.Update change = new RowChange.Update("web-01", DeckyState.RUNNING, T0, DeckyState.DEGRADED,
                    List.of("ssh", "http"), "10.0.0.12", "{\"name\":\"web-01\",\"ip\":\"10.0.0.12\"}", T1, T1);
            assertThat(store().apply(hostA, List.of(change))).containsExactly(WriteOutcome.APPLIED);

            assertThat(only(hostA)).isEqualTo(Rows.row("web-01").host(hostA).state(DeckyState.DEGRADED)
                    .services("ssh", "http").ip("10.0.0.12").config("{\"name\":\"web-01\",\"ip\":\"10.0.0.12\"}")
                    .lastSeen(T1).updatedAt(T1).build());
        }

        @Test
        void anUpdateThatKeepsTheStateButRewritesServicesIsApplied() {
            FleetRow existing = Rows.row("web-01").host(hostA).services("ssh").updatedAt(T0).build();
            insert(hostA, existing);

            RowChange.Update change = new RowChange.Update("web-01", DeckyState.RUNNING, T0, DeckyState.RUNNING,
                    List.of("http", "ssh"), null, null, null, T1);
            assertThat(store().apply(hostA, List.of(change))).containsExactly(WriteOutcome.APPLIED);

            assertThat(only(hostA).services()).containsExactly("http", "ssh");
            assertThat(only(hostA).updatedAt()).isEqualTo(T1);
        }

        @Test
        void anUpdateCanSetNullableManagedColumnsToNull() {
            FleetRow existing = Rows.row("web-01").host(hostA).ip("10.0.0.11").config("{\"name\":\"web-01\"}")
                    .lastSeen(T0).updatedAt(T0).build();
            insert(hostA, existing);

            assertThat(store().apply(hostA, List.of(new RowChange.Update("web-01", DeckyState.RUNNING, T0,
                    DeckyState.FAILED, List.of("ssh"), null, null, null, T1)))).containsExactly(WriteOutcome.APPLIED);

            FleetRow read = only(hostA);
            assertThat(read.deckyIp()).isNull();
            assertThat(read.deckyConfig()).isNull();
            assertThat(read.lastSeen()).isNull();
            assertThat(read.state()).isEqualTo(DeckyState.FAILED);
        }

        @Test
        void anUpdateLeavesLastErrorAndComposeHashUntouched() {
            FleetRow existing = Rows.row("web-01").host(hostA).state(DeckyState.FAILED)
                    .lastError("port 22 already allocated").composeHash("sha256:abc").updatedAt(T0).build();
            insert(hostA, existing);

            assertThat(store().apply(hostA, List.of(update(existing, DeckyState.RUNNING, T1))))
                    .containsExactly(WriteOutcome.APPLIED);

            FleetRow read = only(hostA);
            assertThat(read.state()).isEqualTo(DeckyState.RUNNING);
            assertThat(read.lastError()).isEqualTo("port 22 already allocated");
            assertThat(read.composeHash()).isEqualTo("sha256:abc");
        }

        static Stream<Arguments> staleExpectations() {
            List<String> services = List.of("ssh");
            return Stream.of(
                    Arguments.of("an update expecting a stale state", new RowChange.Update("web-01",
                            DeckyState.PENDING, T1, DeckyState.FAILED, services, null, null, null, T1.plusSeconds(1))),
                    Arguments.of("an update expecting a stale updated_at", new RowChange.Update("web-01",
                            DeckyState.RUNNING, T0, DeckyState.FAILED, services, null, null, null, T1.plusSeconds(1))),
                    Arguments.of("a delete expecting a stale state",
                            new RowChange.Delete("web-01", DeckyState.TEARING_DOWN, T1)),
                    Arguments.of("a delete expecting a stale updated_at",
                            new RowChange.Delete("web-01", DeckyState.RUNNING, T0)));
        }

        @ParameterizedTest(name = "{0} is a conflict and the row survives unchanged")
        @MethodSource("staleExpectations")
        void aChangeWhoseExpectationsAreStaleIsAConflictAndTheRowSurvivesUnchanged(String what, RowChange stale) {
            FleetRow existing = Rows.row("web-01").host(hostA).state(DeckyState.RUNNING).lastSeen(T0).updatedAt(T1)
                    .build();
            insert(hostA, existing);

            assertThat(store().apply(hostA, List.of(stale))).as(what).containsExactly(WriteOutcome.CONFLICT);

            assertThat(store().read(hostA)).containsExactly(existing);
        }

        @Test
        void anUpdateOfAMissingRowIsAConflictAndInsertsNothing() {
            RowChange.Update change = update(Rows.row("ghost-01").host(hostA).updatedAt(T0).build(),
                    DeckyState.FAILED, T1);

            assertThat(store().apply(hostA, List.of(change))).containsExactly(WriteOutcome.CONFLICT);

            assertThat(store().read(hostA)).isEmpty();
        }

        @Test
        void aBlankStateIsReadBackAndComparedLikeAnyOther() {
            insert(hostA, Rows.row("blank-01").host(hostA).state("").updatedAt(T0).build(),
                    Rows.row("blank-02").host(hostA).state("  ").updatedAt(T0).build());

            Map<String, FleetRow> read = byName(hostA);
            assertThat(read.get("blank-01").state()).isEqualTo(DeckyState.of(""));
            assertThat(read.get("blank-02").state()).isEqualTo(DeckyState.of("  "));
            assertThat(store().apply(hostA, List.of(
                    // (not "  ": MySQL/MariaDB compare strings ignoring trailing spaces, so '' = '  ' there)
                    new RowChange.Update("blank-01", DeckyState.PENDING, read.get("blank-01").updatedAt(),
                            DeckyState.RUNNING, List.of("ssh"), null, null, null, T1),
                    update(read.get("blank-02"), DeckyState.RUNNING, T1))))
                    .containsExactly(WriteOutcome.CONFLICT, WriteOutcome.APPLIED);
            assertThat(byName(hostA).get("blank-01").state()).isEqualTo(DeckyState.of(""));
        }

        @Test
        void aWriteExpectingAnUnreadableUpdatedAtIsAConflictOnARowWhoseUpdatedAtIsReadable() {
            FleetRow row = Rows.row("web-01").host(hostA).updatedAt(T0).build();
            insert(hostA, row);

            assertThat(store().apply(hostA, List.of(
                    new RowChange.Update("web-01", row.state(), null, DeckyState.FAILED, row.services(), null, null,
                            null, T1),
                    new RowChange.Delete("web-01", row.state(), null))))
                    .containsExactly(WriteOutcome.CONFLICT, WriteOutcome.CONFLICT);
            assertThat(only(hostA)).isEqualTo(row);
        }

        // deletes

        @Test
        void aDeleteWhoseExpectationsHoldRemovesTheRow() {
            FleetRow existing = Rows.row("web-01").host(hostA).state(DeckyState.TORN_DOWN).updatedAt(T0).build();
            FleetRow other = Rows.row("web-02").host(hostA).updatedAt(T0).build();
            insert(hostA, existing, other);

            assertThat(store().apply(hostA, List.of(delete(existing)))).containsExactly(WriteOutcome.APPLIED);

            assertThat(store().read(hostA)).containsExactly(other);
        }

        @Test
        void aDeleteOfAMissingRowIsAConflict() {
            assertThat(store().apply(hostA, List.of(new RowChange.Delete("ghost-01", DeckyState.RUNNING, T0))))
                    .containsExactly(WriteOutcome.CONFLICT);
        }
    }

    @Nested
    @DisplayName("batches")
    class Batches {
        @Test
        void aMixedBatchReturnsOutcomesInOrderAndAppliesOnlyTheChangesWhoseConditionsHold() {
            FleetRow a = Rows.row("a").host(hostA).updatedAt(T0).build();
            FleetRow b = Rows.row("b").host(hostA).updatedAt(T0).build();
            FleetRow c = Rows.row("c").host(hostA).updatedAt(T0).build();
            insert(hostA, a, b, c);
            FleetRow d = Rows.row("d").host(hostA).state(DeckyState.PENDING).updatedAt(T1).build();

            List<WriteOutcome> outcomes = store().apply(hostA, List.of(
                    new RowChange.Insert(d),
                    new RowChange.Insert(Rows.row("a").host(hostA).state(DeckyState.FAILED).updatedAt(T1).build()),
                    update(b, DeckyState.DEGRADED, T1),
                    update(c.withState(DeckyState.PENDING, T0), DeckyState.FAILED, T1),
                    new RowChange.Delete("a", DeckyState.RUNNING, T1),
                    delete(c),
                    update(Rows.row("zz").host(hostA).updatedAt(T0).build(), DeckyState.FAILED, T1)));

            assertThat(outcomes).containsExactly(WriteOutcome.APPLIED, WriteOutcome.CONFLICT, WriteOutcome.APPLIED,
                    WriteOutcome.CONFLICT, WriteOutcome.CONFLICT, WriteOutcome.APPLIED, WriteOutcome.CONFLICT);
            assertThat(byName(hostA)).containsOnlyKeys("a", "b", "d")
                    .containsEntry("a", a)
                    .containsEntry("b", b.withState(DeckyState.DEGRADED, T1))
                    .containsEntry("d", d);
        }

        @Test
        void applyingNoChangesReturnsNoOutcomesAndChangesNothing() {
            FleetRow existing = Rows.row("web-01").host(hostA).build();
            insert(hostA, existing);

            assertThat(store().apply(hostA, List.of())).isEmpty();

            assertThat(store().read(hostA)).containsExactly(existing);
        }

        @Test
        void fiveHundredRowsAreInsertedUpdatedAndDeletedInOneApplyEach() {
            List<RowChange> inserts = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                inserts.add(new RowChange.Insert(Rows.row(String.format("bulk-%03d", i)).host(hostA)
                        .services("ssh", "http").ip("10.0." + (i / 250) + "." + (i % 250)).updatedAt(T0).build()));
            }
            assertThat(store().apply(hostA, inserts)).hasSize(500).containsOnly(WriteOutcome.APPLIED);

            List<FleetRow> read = store().read(hostA);
            assertThat(read).hasSize(500);
            assertThat(store().apply(hostA,
                    read.stream().<RowChange>map(r -> update(r, DeckyState.FAILED, T1)).toList()))
                    .hasSize(500).containsOnly(WriteOutcome.APPLIED);
            List<FleetRow> updated = store().read(hostA);
            assertThat(updated).extracting(FleetRow::state).containsOnly(DeckyState.FAILED);
            assertThat(store().apply(hostA, updated.stream().<RowChange>map(FleetStoreContract::delete).toList()))
                    .hasSize(500).containsOnly(WriteOutcome.APPLIED);
            assertThat(store().read(hostA)).isEmpty();
        }
    }

    @Nested
    @DisplayName("timestamps")
    class Timestamps {
        @Test
        void timestampsReadBackTruncatedToTheStoresPrecision() {
            FleetRow row = Rows.row("web-01").host(hostA).lastSeen(T_NANOS).updatedAt(T_NANOS_LATER).build();
            insert(hostA, row);

            FleetRow read = only(hostA);
            assertThat(read.lastSeen()).isEqualTo(truncated(T_NANOS));
            assertThat(read.updatedAt()).isEqualTo(truncated(T_NANOS_LATER));

            assertThat(store().apply(hostA, List.of(new RowChange.Update("web-01", read.state(), read.updatedAt(),
                    DeckyState.DEGRADED, read.services(), null, null, T_NANOS_LATER, T_NANOS))))
                    .containsExactly(WriteOutcome.APPLIED);
            FleetRow updated = only(hostA);
            assertThat(updated.lastSeen()).isEqualTo(truncated(T_NANOS_LATER));
            assertThat(updated.updatedAt()).isEqualTo(truncated(T_NANOS));
        }

        @Test
        void conditionalWritesSucceedAgainstTheValuesReadBack() {
            insert(hostA, Rows.row("web-01").host(hostA).state(DeckyState.PENDING).updatedAt(T_NANOS).build());

            FleetRow first = only(hostA);
            assertThat(store().apply(hostA, List.of(update(first, DeckyState.RUNNING, T_NANOS_LATER))))
                    .containsExactly(WriteOutcome.APPLIED);
            FleetRow second = only(hostA);
            assertThat(second.state()).isEqualTo(DeckyState.RUNNING);
            assertThat(store().apply(hostA, List.of(delete(second)))).containsExactly(WriteOutcome.APPLIED);

            assertThat(store().read(hostA)).isEmpty();
        }
    }

    @Nested
    @DisplayName("literal values")
    class LiteralValues {
        @Test
        void namesAndValuesWithQuotesUnicodeAndSqlAreStoredLiterally() {
            List<String> names = List.of("o'brien", "quote\"d", "x'); DROP TABLE fleet_deckies; --", "back\\slash",
                    "percent%_under", "dëcky-ü-日本");
            List<RowChange> inserts = new ArrayList<>();
            Map<String, FleetRow> expected = new LinkedHashMap<>();
            for (String name : names) {
                FleetRow row = Rows.row(name).host(hostA).services("ssh'; --", "日本")
                        .ip("10.0.0.1'--").config("{\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"")
                                + "\",\"note\":\"héllo 🙂 \\u0000\"}")
                        .lastError("it's \"broken\"").composeHash("%").updatedAt(T0).build();
                inserts.add(new RowChange.Insert(row));
                expected.put(name, row);
            }

            assertThat(store().apply(hostA, inserts)).containsOnly(WriteOutcome.APPLIED).hasSize(names.size());

            assertThat(byName(hostA)).isEqualTo(expected);
            FleetRow quoted = expected.get("o'brien");
            assertThat(store().apply(hostA, List.of(delete(quoted)))).containsExactly(WriteOutcome.APPLIED);
            assertThat(byName(hostA)).doesNotContainKey("o'brien").hasSize(names.size() - 1);
        }
    }

    // ---- helpers for subclasses' own extra tests ----

    /** Applies one insert per row to {@code host}. */
    protected final List<WriteOutcome> insert(String host, FleetRow... rows) {
        List<RowChange> changes = new ArrayList<>();
        for (FleetRow row : rows) {
            changes.add(new RowChange.Insert(row));
        }
        return store().apply(host, changes);
    }

    /** The single row of {@code host}. */
    protected final FleetRow only(String host) {
        List<FleetRow> rows = store().read(host);
        assertThat(rows).as("rows of %s", host).hasSize(1);
        return rows.get(0);
    }

    /** The rows of {@code host} by name. */
    protected final Map<String, FleetRow> byName(String host) {
        Map<String, FleetRow> rows = new LinkedHashMap<>();
        for (FleetRow row : store().read(host)) {
            assertThat(rows.put(row.name(), row)).as("row %s read twice", row.name()).isNull();
        }
        return rows;
    }

    /** An update of {@code read} (expecting its state and updated_at) to {@code state} at {@code at}. */
    protected static RowChange.Update update(FleetRow read, DeckyState state, Instant at) {
        return new RowChange.Update(read.name(), read.state(), read.updatedAt(), state, read.services(),
                read.deckyIp(), read.deckyConfig(), read.lastSeen(), at);
    }

    /** A delete of {@code read}, expecting its state and updated_at. */
    protected static RowChange.Delete delete(FleetRow read) {
        return new RowChange.Delete(read.name(), read.state(), read.updatedAt());
    }
}
