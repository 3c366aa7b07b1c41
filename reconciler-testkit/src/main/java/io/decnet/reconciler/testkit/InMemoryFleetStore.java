package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link FleetStore} in memory with the conditional-write semantics of the real stores (it passes the same
 * {@code FleetStoreContract}), plus seeding, inspection, call records and fault injection.
 *
 * <pre>{@code
 * InMemoryFleetStore store = InMemoryFleetStore.create();
 * store.put(Rows.row("web-01").state(DeckyState.FAILED).build());
 * store.failNextApply(new FleetStoreException("database is locked"));       // next apply throws, writes nothing
 * store.beforeNextApply(() -> store.put(Rows.row("web-01").state(DeckyState.TEARING_DOWN)
 *         .updatedAt(later).build()));                                       // a teardown races the pass
 * }</pre>
 *
 * <p>Like a real table, the store keeps timestamps truncated to its precision (microseconds unless created with
 * {@link #createTruncatingTo}), on {@link #put} as well as on {@link #apply}; rows are read back in name order.
 * {@code apply} works on a copy of the host's rows and commits it only when every change was checked, so an
 * injected failure, a throwing hook or a rejected change leaves the store untouched.
 *
 * <p>Thread-safe: every method synchronizes on the store. A {@link #beforeNextApply} hook runs on the applying
 * thread while that lock is held, so it may call this store from the same thread (not from another thread it
 * waits for).
 */
public final class InMemoryFleetStore implements FleetStore {
    private static final Set<ChronoUnit> PRECISIONS =
            EnumSet.of(ChronoUnit.NANOS, ChronoUnit.MICROS, ChronoUnit.MILLIS, ChronoUnit.SECONDS);

    private final ChronoUnit precision;
    private final Map<String, Map<String, FleetRow>> hosts = new TreeMap<>();
    private final Deque<FleetStoreException> readFailures = new ArrayDeque<>();
    private final Deque<FleetStoreException> applyFailures = new ArrayDeque<>();
    private final List<RowChange> appliedChanges = new ArrayList<>();
    private Runnable beforeNextApply;
    private int reads;
    private int applies;

    private InMemoryFleetStore(ChronoUnit precision) {
        this.precision = precision;
    }

    /** An empty store keeping microseconds, like SQLite and PostgreSQL. */
    public static InMemoryFleetStore create() {
        return new InMemoryFleetStore(ChronoUnit.MICROS);
    }

    /**
     * An empty store keeping timestamps truncated to {@code precision}: {@code SECONDS} behaves like DECNET's
     * MySQL/MariaDB {@code DATETIME} columns.
     *
     * @param precision one of NANOS, MICROS, MILLIS, SECONDS
     */
    public static InMemoryFleetStore createTruncatingTo(ChronoUnit precision) {
        if (!PRECISIONS.contains(Objects.requireNonNull(precision, "precision"))) {
            throw new IllegalArgumentException("precision must be one of NANOS, MICROS, MILLIS, SECONDS, got "
                    + precision.name());
        }
        return new InMemoryFleetStore(precision);
    }

    // ---- the port ----

    @Override
    public synchronized List<FleetRow> read(String hostUuid) {
        reads++;
        requireHost(hostUuid, "read");
        FleetStoreException failure = readFailures.poll();
        if (failure != null) {
            throw failure;
        }
        return rows(hostUuid);
    }

    @Override
    public synchronized List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
        applies++;
        requireHost(hostUuid, "apply");
        Objects.requireNonNull(changes, "changes");
        for (RowChange change : changes) {
            Objects.requireNonNull(change, "a change to apply is null");
            HostUuids.requireSameHost(hostUuid, change);
        }
        Runnable hook = beforeNextApply;
        beforeNextApply = null;
        if (hook != null) {
            hook.run();
        }
        FleetStoreException failure = applyFailures.poll();
        if (failure != null) {
            throw failure;
        }
        Map<String, FleetRow> working = new TreeMap<>(hosts.getOrDefault(hostUuid, Map.of()));
        List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
        List<RowChange> appliedNow = new ArrayList<>();
        for (RowChange change : changes) {
            WriteOutcome outcome = applyOne(working, hostUuid, change);
            outcomes.add(outcome);
            if (outcome == WriteOutcome.APPLIED) {
                appliedNow.add(change);
            }
        }
        commit(hostUuid, working);
        appliedChanges.addAll(appliedNow);
        return List.copyOf(outcomes);
    }

    private WriteOutcome applyOne(Map<String, FleetRow> rows, String hostUuid, RowChange change) {
        FleetRow existing = rows.get(change.name());
        if (change instanceof RowChange.Insert insert) {
            if (existing != null) {
                return WriteOutcome.CONFLICT;
            }
            rows.put(insert.name(), stored(insert.row()));
            return WriteOutcome.APPLIED;
        }
        if (change instanceof RowChange.Update update) {
            if (!holds(existing, update.expectedState(), update.expectedUpdatedAt())) {
                return WriteOutcome.CONFLICT;
            }
            rows.put(update.name(), stored(new FleetRow(hostUuid, update.name(), update.services(),
                    update.deckyConfig(), update.deckyIp(), update.state(), existing.lastError(),
                    existing.composeHash(), update.lastSeen(), update.updatedAt())));
            return WriteOutcome.APPLIED;
        }
        RowChange.Delete delete = (RowChange.Delete) change;
        if (!holds(existing, delete.expectedState(), delete.expectedUpdatedAt())) {
            return WriteOutcome.CONFLICT;
        }
        rows.remove(delete.name());
        return WriteOutcome.APPLIED;
    }

    /**
     * The condition of an update or delete; the expected time is truncated as a real store binds it, and a null
     * one (the row's updated_at was unreadable) holds while the row's is still unreadable.
     */
    private boolean holds(FleetRow existing, DeckyState expectedState, Instant expectedUpdatedAt) {
        return existing != null
                && existing.state().equals(expectedState)
                && Objects.equals(existing.updatedAt(),
                        expectedUpdatedAt == null ? null : expectedUpdatedAt.truncatedTo(precision));
    }

    // ---- seeding and inspection ----

    /**
     * Writes {@code rows} as they are, replacing rows with the same host and name, without any condition and
     * without being counted or recorded: the way to seed the table, or to play a deploy that writes behind the
     * reconciler's back (e.g. from a {@link #beforeNextApply} hook).
     */
    public synchronized InMemoryFleetStore put(FleetRow... rows) {
        Objects.requireNonNull(rows, "rows");
        List<FleetRow> checked = new ArrayList<>(rows.length);
        for (FleetRow row : rows) {
            Objects.requireNonNull(row, "a row to put is null");
            HostUuids.require(row.hostUuid(), h -> "row '" + row.name() + "' has a blank host_uuid; every row "
                    + "belongs to a host (Rows.row(..) defaults to \"" + Rows.DEFAULT_HOST + "\")");
            if (row.name().isBlank()) {
                throw new IllegalArgumentException("a row of host '" + row.hostUuid() + "' has a blank name");
            }
            checked.add(row);
        }
        for (FleetRow row : checked) {
            hosts.computeIfAbsent(row.hostUuid(), h -> new TreeMap<>()).put(row.name(), stored(row));
        }
        return this;
    }

    /** Removes row {@code name} of {@code hostUuid} unconditionally (a teardown behind the reconciler's back). */
    public synchronized boolean remove(String hostUuid, String name) {
        Map<String, FleetRow> rows = hosts.get(hostUuid);
        if (rows == null || rows.remove(name) == null) {
            return false;
        }
        if (rows.isEmpty()) {
            hosts.remove(hostUuid);
        }
        return true;
    }

    /** The rows of {@code hostUuid}, in name order. Not counted as a read. */
    public synchronized List<FleetRow> rows(String hostUuid) {
        return List.copyOf(hosts.getOrDefault(hostUuid, Map.of()).values());
    }

    /** Row {@code name} of {@code hostUuid}, if there is one. Not counted as a read. */
    public synchronized Optional<FleetRow> row(String hostUuid, String name) {
        return Optional.ofNullable(hosts.getOrDefault(hostUuid, Map.of()).get(name));
    }

    /** Every row of every host, ordered by host then name. */
    public synchronized List<FleetRow> allRows() {
        return hosts.values().stream().flatMap(rows -> rows.values().stream()).toList();
    }

    // ---- fault injection ----

    /** The next {@link #apply} throws {@code failure} and applies nothing. Calls queue up, one per apply. */
    public synchronized InMemoryFleetStore failNextApply(FleetStoreException failure) {
        applyFailures.add(Objects.requireNonNull(failure, "failure"));
        return this;
    }

    /** The next {@link #read} throws {@code failure}. Calls queue up, one per read. */
    public synchronized InMemoryFleetStore failNextRead(FleetStoreException failure) {
        readFailures.add(Objects.requireNonNull(failure, "failure"));
        return this;
    }

    /**
     * Runs {@code hook} inside the next {@link #apply}, after its arguments are validated and before any
     * change's condition is checked; writes it makes through {@link #put} or {@link #remove} are what the
     * apply then sees. Runs once. An exception from the hook propagates from {@code apply}, which then writes
     * nothing.
     *
     * @throws IllegalStateException when a hook is already waiting for the next apply
     */
    public synchronized InMemoryFleetStore beforeNextApply(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        if (beforeNextApply != null) {
            throw new IllegalStateException("a beforeNextApply hook is already set and has not run yet; "
                    + "combine both actions in one Runnable");
        }
        beforeNextApply = hook;
        return this;
    }

    // ---- records ----

    /** How many times {@link #read} was called (failed reads included). */
    public synchronized int readCount() {
        return reads;
    }

    /** How many times {@link #apply} was called (failed and empty applies included). */
    public synchronized int applyCount() {
        return applies;
    }

    /** Every change that was {@link WriteOutcome#APPLIED}, in order, over all applies. */
    public synchronized List<RowChange> appliedChanges() {
        return List.copyOf(appliedChanges);
    }

    // ---- internals ----

    private void commit(String hostUuid, Map<String, FleetRow> rows) {
        if (rows.isEmpty()) {
            hosts.remove(hostUuid);
        } else {
            hosts.put(hostUuid, rows);
        }
    }

    private FleetRow stored(FleetRow row) {
        return new FleetRow(row.hostUuid(), row.name(), row.services(), row.deckyConfig(), row.deckyIp(),
                row.state(), row.lastError(), row.composeHash(),
                row.lastSeen() == null ? null : row.lastSeen().truncatedTo(precision),
                row.updatedAt() == null ? null : row.updatedAt().truncatedTo(precision), row.anomalies());
    }

    private static void requireHost(String hostUuid, String operation) {
        HostUuids.require(hostUuid, h -> operation + " needs a host_uuid; got " + Json.write(h)
                + " (a store never works on every host at once)");
    }
}
