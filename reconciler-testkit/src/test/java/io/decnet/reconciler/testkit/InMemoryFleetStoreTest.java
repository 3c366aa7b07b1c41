package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryFleetStoreTest {
    private static final Instant T0 = Rows.DEFAULT_UPDATED_AT;
    private static final Instant T1 = T0.plusSeconds(60);

    private final InMemoryFleetStore store = InMemoryFleetStore.create();
    private final FleetRow web = Rows.row("web-01").build();

    @Test
    void anInjectedApplyFailureIsThrownAsGivenAndAppliesNothing() {
        FleetStoreException failure = new FleetStoreException("database is locked");
        store.put(web).failNextApply(failure);

        assertThatThrownBy(() -> store.apply("local", List.of(
                new RowChange.Insert(Rows.row("new-01").build()),
                new RowChange.Delete("web-01", DeckyState.RUNNING, T0))))
                .isSameAs(failure);

        assertThat(store.rows("local")).containsExactly(web);
        assertThat(store.appliedChanges()).isEmpty();
        assertThat(store.applyCount()).isEqualTo(1);
    }

    @Test
    void anInjectedApplyFailureIsUsedOnceAndFailuresQueueUp() {
        store.failNextApply(new FleetStoreException("first")).failNextApply(new FleetStoreException("second"));
        List<RowChange> insert = List.of(new RowChange.Insert(web));

        assertThatThrownBy(() -> store.apply("local", insert)).hasMessage("first");
        assertThatThrownBy(() -> store.apply("local", insert)).hasMessage("second");
        assertThat(store.apply("local", insert)).containsExactly(WriteOutcome.APPLIED);
    }

    @Test
    void anInjectedReadFailureIsThrownOnceAndCounted() {
        store.put(web).failNextRead(new FleetStoreException("connection refused"));

        assertThatThrownBy(() -> store.read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessage("connection refused");
        assertThat(store.read("local")).containsExactly(web);
        assertThat(store.readCount()).isEqualTo(2);
    }

    @Test
    void aWriteRacingThePassFromTheHookSurvivesAndTheStaleChangeIsAConflict() {
        store.put(web);
        FleetRow tearingDown = web.withState(DeckyState.TEARING_DOWN, T1);
        store.beforeNextApply(() -> store.put(tearingDown));

        List<WriteOutcome> outcomes = store.apply("local", List.of(
                new RowChange.Delete("web-01", DeckyState.RUNNING, T0)));

        assertThat(outcomes).containsExactly(WriteOutcome.CONFLICT);
        assertThat(store.row("local", "web-01")).contains(tearingDown);
        assertThat(store.appliedChanges()).isEmpty();
    }

    @Test
    void theHookRunsOnlyForTheNextApply() {
        AtomicInteger runs = new AtomicInteger();
        store.beforeNextApply(runs::incrementAndGet);

        store.apply("local", List.of());
        store.apply("local", List.of());

        assertThat(runs).hasValue(1);
    }

    @Test
    void aThrowingHookMakesTheApplyWriteNothing() {
        store.beforeNextApply(() -> {
            throw new FleetStoreException("connection reset");
        });

        assertThatThrownBy(() -> store.apply("local", List.of(new RowChange.Insert(web))))
                .hasMessage("connection reset");
        assertThat(store.allRows()).isEmpty();
    }

    @Test
    void settingASecondHookBeforeTheFirstRanIsRejected() {
        store.beforeNextApply(() -> { });

        assertThatThrownBy(() -> store.beforeNextApply(() -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already set");
    }

    @Test
    void appliedChangesAreRecordedInOrderWithoutTheConflictingOnes() {
        store.put(web);
        RowChange.Insert insert = new RowChange.Insert(Rows.row("new-01").build());
        RowChange.Insert duplicate = new RowChange.Insert(web);
        RowChange.Delete delete = new RowChange.Delete("web-01", DeckyState.RUNNING, T0);

        store.apply("local", List.of(insert, duplicate, delete));

        assertThat(store.appliedChanges()).containsExactly(insert, delete);
        assertThat(store.applyCount()).isEqualTo(1);
        assertThat(store.readCount()).isZero();
    }

    @Test
    void inspectionHandsBackCopiesThatLaterWritesDoNotChange() {
        store.put(web);
        List<FleetRow> before = store.rows("local");
        List<RowChange> appliedBefore = store.appliedChanges();

        store.apply("local", List.of(new RowChange.Insert(Rows.row("new-01").build())));

        assertThat(before).containsExactly(web);
        assertThat(appliedBefore).isEmpty();
        assertThatThrownBy(() -> before.add(web)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anApplyNeverTouchesAnotherHostsRows() {
        FleetRow other = Rows.row("web-01").host("host-b").build();
        store.put(web, other);

        store.apply("local", List.of(new RowChange.Delete("web-01", DeckyState.RUNNING, T0)));

        assertThat(store.allRows()).containsExactly(other);
    }

    @Test
    void putRejectsARowWithABlankHostAndStoresNoneOfTheRowsGiven() {
        FleetRow blankHost = new FleetRow(" ", "web-02", List.of("ssh"), null, null, DeckyState.RUNNING, null,
                null, null, T0);

        assertThatThrownBy(() -> store.put(web, blankHost))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("web-02")
                .hasMessageContaining("blank host_uuid");
        assertThat(store.allRows()).isEmpty();
    }

    @Test
    void applyRejectsABlankHostSayingItNeverWorksOnEveryHost() {
        assertThatThrownBy(() -> store.apply(" ", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every host");
    }

    @Test
    void timestampsAreKeptTruncatedToMicrosecondsEvenWhenSeeded() {
        Instant nanos = Instant.parse("2026-01-01T00:00:00.123456789Z");
        store.put(Rows.row("web-01").lastSeen(nanos).updatedAt(nanos).build());

        FleetRow row = store.row("local", "web-01").orElseThrow();
        assertThat(row.updatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(row.lastSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void aStoreTruncatingToSecondsMatchesAnExpectationCarryingTheFraction() {
        InMemoryFleetStore seconds = InMemoryFleetStore.createTruncatingTo(ChronoUnit.SECONDS);
        Instant fraction = Instant.parse("2026-01-01T00:00:00.750Z");
        seconds.put(Rows.row("web-01").updatedAt(fraction).build());

        assertThat(seconds.row("local", "web-01").orElseThrow().updatedAt()).isEqualTo(T0);
        assertThat(seconds.apply("local", List.of(new RowChange.Delete("web-01", DeckyState.RUNNING, fraction))))
                .containsExactly(WriteOutcome.APPLIED);
    }

    @Test
    void aPrecisionCoarserThanSecondsIsRejectedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> InMemoryFleetStore.createTruncatingTo(ChronoUnit.HOURS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SECONDS")
                .hasMessageContaining("HOURS");
    }

    @Test
    void removeDeletesOneRowUnconditionally() {
        store.put(web, Rows.row("web-02").build());

        assertThat(store.remove("local", "web-01")).isTrue();
        assertThat(store.remove("local", "web-01")).isFalse();
        assertThat(store.rows("local")).extracting(FleetRow::name).containsExactly("web-02");
    }

    @Test
    void rowsAreReadInNameOrder() {
        store.put(Rows.row("c").build(), Rows.row("a").build(), Rows.row("b").build());

        assertThat(store.read("local")).extracting(FleetRow::name).containsExactly("a", "b", "c");
    }
}
