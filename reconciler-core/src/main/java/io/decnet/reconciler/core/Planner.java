package io.decnet.reconciler.core;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeKind;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reconcile rules (SPEC §1, §2.3) as a pure function of three snapshots, a policy and the instant of the
 * pass: no I/O, no clock, same inputs give the same plan.
 */
final class Planner {

    private final String host;
    private final ReconcilePolicy policy;
    private final Instant now;
    private final List<Plan.PlannedChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();
    private final Map<String, List<String>> oddities = new LinkedHashMap<>();

    private Planner(String host, ReconcilePolicy policy, Instant now) {
        this.host = host;
        this.policy = policy;
        this.now = now;
    }

    /**
     * Plans one pass for {@code host}.
     *
     * @param fleet what the state file holds
     * @param rows the rows read for {@code host}; rows of any other host are ignored
     * @param runtime what Docker runs
     * @param now the instant of the pass: the grace period is measured from it and it is written as
     *     {@code updated_at} (and {@code last_seen} when Docker was observed)
     */
    static Plan plan(DesiredFleet fleet, List<FleetRow> rows, RuntimeObservation runtime, String host,
            ReconcilePolicy policy, Instant now) {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        if (fleet instanceof DesiredFleet.Unreadable unreadable) {
            return unreadable(host, unreadable);
        }
        Planner planner = new Planner(host, policy, now);
        Map<String, FleetRow> mine = rowsByName(rows, host);
        mine.values().forEach(planner::noteOddities);
        planner.planAll(fleet, mine, runtime);
        return new Plan(host, SourceStatus.of(fleet), SourceStatus.of(runtime), planner.changes, planner.skips,
                null, planner.oddRows());
    }

    /** The plan of a pass whose state file cannot be trusted: nothing at all. */
    static Plan unreadable(String host, DesiredFleet.Unreadable fleet) {
        return new Plan(host, SourceStatus.of(fleet), SourceStatus.notRead(), List.of(),
                List.of(Skip.pass(SkipReason.STATE_UNREADABLE, fleet.reason())), null);
    }

    private static Map<String, FleetRow> rowsByName(List<FleetRow> rows, String host) {
        Map<String, FleetRow> byName = new LinkedHashMap<>();
        for (FleetRow row : rows) {
            if (row.hostUuid().equals(host)) {
                byName.putIfAbsent(row.name(), row);
            }
        }
        return byName;
    }

    /** Records what in {@code row} DECNET would not have written: the store's findings, then the state's. */
    private void noteOddities(FleetRow row) {
        List<String> problems = new ArrayList<>(row.anomalies());
        if (row.state().isBlank()) {
            problems.add("state is blank");
        } else if (!row.state().isKnown()) {
            problems.add("state " + row.state().describe() + " is not one DECNET defines");
        }
        if (row.updatedAt() == null && problems.stream().noneMatch(p -> p.startsWith("updated_at"))) {
            problems.add("updated_at is unreadable");
        }
        if (!problems.isEmpty()) {
            oddities.put(row.name(), problems);
        }
    }

    private void noteOddity(String name, String problem) {
        oddities.computeIfAbsent(name, n -> new ArrayList<>()).add(problem);
    }

    private List<OddRow> oddRows() {
        List<OddRow> odd = new ArrayList<>(oddities.size());
        oddities.forEach((name, problems) -> odd.add(new OddRow(name, problems)));
        return odd;
    }

    private void planAll(DesiredFleet fleet, Map<String, FleetRow> rows, RuntimeObservation runtime) {
        Optional<RuntimeObservation.Observed> observed = runtime instanceof RuntimeObservation.Observed o
                ? Optional.of(o) : Optional.empty();
        if (runtime instanceof RuntimeObservation.Unreachable u) {
            skips.add(Skip.pass(SkipReason.RUNTIME_UNREACHABLE,
                    "Docker unreachable (" + u.reason() + "): no state changed"));
        }
        List<DeckySpec> deckies = fleet instanceof DesiredFleet.Present p ? p.deckies() : List.of();
        Map<String, DeckySpec> elsewhere = new LinkedHashMap<>();
        Map<String, DeckySpec> mine = new LinkedHashMap<>();
        for (DeckySpec decky : deckies) {
            if (decky.belongsTo(host)) {
                mine.put(decky.name(), decky);
            } else {
                elsewhere.put(decky.name(), decky);
                skips.add(Skip.decky(decky.name(), SkipReason.OTHER_HOST,
                        "the state file assigns it to host " + decky.hostUuid()));
            }
        }
        for (DeckySpec decky : mine.values()) {
            FleetRow row = rows.get(decky.name());
            Optional<DeckyHealth> health = observed.map(o -> DeckyHealth.of(decky, o));
            if (row == null) {
                insert(decky, health);
            } else if (!leftInFlight(row)) {
                update(decky, row, health);
            }
        }
        List<Plan.PlannedChange> deletes = new ArrayList<>();
        for (FleetRow row : rows.values()) {
            if (!mine.containsKey(row.name()) && !leftInFlight(row)) {
                deletes.add(delete(row, deleteReason(fleet, elsewhere.get(row.name()))));
            }
        }
        guardDeletes(deletes, rows.size());
    }

    private void insert(DeckySpec decky, Optional<DeckyHealth> health) {
        DeckyState state = health.map(DeckyHealth::state).orElse(policy.unobservedInsertState());
        Instant lastSeen = health.isPresent() ? now : null;
        FleetRow row = new FleetRow(host, decky.name(), decky.services(), decky.configJson(), decky.ip(), state,
                null, null, lastSeen, now);
        String reason = "in the state file, no row; " + health.map(DeckyHealth::describe)
                .orElse("Docker unreachable, state " + state + " from the policy");
        add(new RowChange.Insert(row), new Change(decky.name(), ChangeKind.INSERT, null, state, reason,
                ChangeStatus.PLANNED));
    }

    private void update(DeckySpec decky, FleetRow row, Optional<DeckyHealth> health) {
        DeckyState state = health.map(DeckyHealth::state).orElse(row.state());
        boolean stateDrift = !state.equals(row.state());
        List<String> configDrift = configDrift(decky, row);
        if (configDrift.contains("decky_config") && row.deckyConfig() != null
                && !ConfigJson.isObject(row.deckyConfig())) {
            noteOddity(row.name(), "decky_config is not a JSON object");
        }
        if (!stateDrift && configDrift.isEmpty()) {
            return;
        }
        if (health.isEmpty() && row.state().isTransitional()) {
            // Past its grace period but Docker cannot say how it ended: a config-only write would set updated_at
            // and so restart the grace period of a row that is stuck, hiding it for another period.
            skips.add(Skip.decky(row.name(), SkipReason.RUNTIME_UNREACHABLE, "config update deferred: the row is "
                    + row.state() + " and Docker is unreachable; writing it would restart its grace period"));
            return;
        }
        ChangeKind kind = !stateDrift ? ChangeKind.CONFIG_UPDATE
                : configDrift.isEmpty() ? ChangeKind.STATE_UPDATE : ChangeKind.STATE_AND_CONFIG_UPDATE;
        List<String> why = new ArrayList<>();
        if (stateDrift) {
            why.add(health.orElseThrow().describe());
        }
        if (!configDrift.isEmpty()) {
            why.add(String.join(", ", configDrift) + (configDrift.size() == 1 ? " differs" : " differ")
                    + " from the state file");
        }
        Instant lastSeen = health.isPresent() ? now : row.lastSeen();
        RowChange.Update write = new RowChange.Update(row.name(), row.state(), row.updatedAt(), state,
                decky.services(), decky.ip(), decky.configJson(), lastSeen, now);
        add(write, new Change(row.name(), kind, row.state(), state, String.join("; ", why), ChangeStatus.PLANNED));
    }

    private static List<String> configDrift(DeckySpec decky, FleetRow row) {
        List<String> columns = new ArrayList<>(3);
        if (!decky.services().equals(row.services())) {
            columns.add("services");
        }
        if (!decky.ip().equals(row.deckyIp())) {
            columns.add("decky_ip");
        }
        if (!ConfigJson.sameValue(row.deckyConfig(), decky.configJson())) {
            columns.add("decky_config");
        }
        return columns;
    }

    private Plan.PlannedChange delete(FleetRow row, String reason) {
        return new Plan.PlannedChange(new RowChange.Delete(row.name(), row.state(), row.updatedAt()),
                new Change(row.name(), ChangeKind.DELETE, row.state(), DeckyState.TORN_DOWN, reason,
                        ChangeStatus.PLANNED));
    }

    private static String deleteReason(DesiredFleet fleet, DeckySpec elsewhere) {
        if (fleet instanceof DesiredFleet.Absent absent) {
            return "state file absent (empty fleet): " + absent.location();
        }
        if (elsewhere != null) {
            return "the state file assigns it to host " + elsewhere.hostUuid();
        }
        return "not in the state file";
    }

    /** Holds back every delete when the policy's mass-deletion guard trips; the rest of the plan stands. */
    private void guardDeletes(List<Plan.PlannedChange> deletes, int rowCount) {
        String tripped = null;
        if (deletes.size() > policy.maxDeletesPerPass().orElse(Integer.MAX_VALUE)) {
            tripped = "the pass would delete " + deletes.size() + " rows, the policy allows at most "
                    + policy.maxDeletesPerPass().getAsInt() + " per pass";
        } else if (policy.refuseDeletingAllRows() && !deletes.isEmpty() && deletes.size() == rowCount) {
            tripped = "the pass would delete all " + rowCount + " rows of host " + host
                    + ", the policy refuses deleting all rows";
        }
        if (tripped == null) {
            deletes.forEach(changes::add);
            return;
        }
        for (Plan.PlannedChange delete : deletes) {
            skips.add(Skip.decky(delete.change().name(), SkipReason.MASS_DELETE_GUARD,
                    "delete held back: " + tripped));
        }
    }

    /**
     * Whether {@code row} is {@code pending} or {@code tearing_down} and was written within the grace period, so a
     * deploy or teardown in flight owns it; such a row is reported as skipped and left alone entirely.
     */
    private boolean leftInFlight(FleetRow row) {
        // A row whose updated_at is unreadable cannot prove that it was written recently: it is reconciled.
        if (!row.state().isTransitional() || row.updatedAt() == null
                || !row.updatedAt().isAfter(now.minus(policy.transitionalGrace()))) {
            return false;
        }
        skips.add(Skip.decky(row.name(), SkipReason.TRANSITION_IN_FLIGHT, row.state() + " since "
                + row.updatedAt() + ", within the " + policy.transitionalGrace() + " grace period"));
        return true;
    }

    private void add(RowChange write, Change change) {
        changes.add(new Plan.PlannedChange(write, change));
    }
}
