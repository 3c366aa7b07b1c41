package io.decnet.reconciler.cli.parity;

import io.decnet.reconciler.cli.parity.Expectation.ExpectedRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DECNET's reconciler ({@code decnet.fleet.reconciler.reconcile_once}) as SPEC.md §1–2 and docs/rules.md describe
 * it, plus this project's intended differences, written apart from the project's own core so that the two can
 * disagree. {@link #expect} is a pure function of the scenario, the engine's container statuses and the time.
 *
 * <p>DECNET: a decky of the file without a row is inserted with Docker's aggregate state ({@code running} while
 * Docker is unreachable); a row of this host whose decky is not in the file is deleted; a row whose state differs
 * from Docker's aggregate (exact string compare) gets that state; Docker unreachable changes no state. Intended
 * differences: (a) services, ip and decky_config that differ from the file (by JSON value) are rewritten, not
 * counted in {@code state_updated}; (b) {@code pending}/{@code tearing_down} rows written less than 10 min ago are
 * left alone (an unreadable {@code updated_at} gets no grace); (c) a decky naming another host is skipped, and this
 * host's row of it deleted; (d) an unreadable file or a missing directory changes nothing, exit 1, nothing on
 * stdout; (e) an absent file is an empty fleet; (f) other hosts' rows never change; (g) while Docker is unreachable
 * a transitional row past its grace is not rewritten either (DECNET leaves it too).
 */
final class DecnetModel {
    static final String HOST = "local";
    static final Duration GRACE = Duration.ofMinutes(10);
    private static final Set<String> TRANSITIONAL = Set.of("pending", "tearing_down");

    private DecnetModel() {
    }

    /**
     * @param containers Docker's status ({@code running}, {@code exited}, {@code created}, …) by container name
     */
    static Expectation expect(Scenario s, Map<String, String> containers, Instant now) {
        Map<Row.Key, ExpectedRow> table = new LinkedHashMap<>();
        s.rows().forEach(r -> table.put(r.key(), ExpectedRow.unchanged(r)));
        List<Decky> fleet;
        if (s.state() instanceof StateInput.Present p) {
            fleet = p.deckies().stream().filter(d -> d.belongsTo(HOST)).toList(); // (c) other hosts' skipped
        } else if (s.state() instanceof StateInput.Absent) {
            fleet = List.of(); // (e) a full teardown removed the file
        } else {
            return new Expectation(table, Optional.empty(), 1); // (d) unreadable or wrong path: nothing at all
        }
        Map<String, Decky> byName = new LinkedHashMap<>();
        fleet.forEach(d -> byName.put(d.name(), d));
        int inserted = 0;
        int deleted = 0;
        int stateUpdated = 0;
        for (Row row : s.rows()) {
            if (!HOST.equals(row.hostUuid())) {
                continue; // (f) never another host's row
            }
            if (inFlight(row, now)) {
                continue; // (b) a deploy or teardown is in flight
            }
            Decky d = byName.get(row.name());
            if (d == null) {
                table.remove(row.key());
                deleted++;
                continue;
            }
            if (!s.dockerReachable() && TRANSITIONAL.contains(row.state())) {
                // (g) past its grace but Docker cannot say how the deploy or teardown ended: DECNET leaves it, and
                // ours defers the config rewrite too (a write would restart the grace period of a stuck row).
                continue;
            }
            String state = s.dockerReachable() ? aggregate(d, containers) : row.state();
            boolean stateChanges = !state.equals(row.state());
            if (stateChanges) {
                stateUpdated++;
            }
            if (stateChanges || configDiffers(row, d)) { // (a) services, ip, config rewritten from the file
                table.put(row.key(), ExpectedRow.written(row.key(), state, d));
            }
        }
        for (Decky d : fleet) {
            Row.Key key = new Row.Key(HOST, d.name());
            boolean hasRow = s.rows().stream().anyMatch(r -> r.key().equals(key));
            if (!hasRow) {
                table.put(key, ExpectedRow.written(key, s.dockerReachable() ? aggregate(d, containers) : "running",
                        d));
                inserted++;
            }
        }
        return new Expectation(table, Optional.of("reconcile: inserted=" + inserted + " deleted=" + deleted
                + " state_updated=" + stateUpdated), 0);
    }

    /** {@code pending} or {@code tearing_down} (exactly), written less than the grace period ago. */
    static boolean inFlight(Row row, Instant now) {
        return TRANSITIONAL.contains(row.state()) && DecnetTime.isWithin(row.updatedAt(), GRACE, now);
    }

    /** SPEC §2.3. */
    static String aggregate(Decky d, Map<String, String> containers) {
        int expected = 0;
        int observed = 0;
        int running = 0;
        for (String service : d.services()) {
            expected++;
            String status = containers.get(containerName(d.name(), service));
            if (status != null) {
                observed++;
                if (status.equals("running")) {
                    running++;
                }
            }
        }
        if (running == expected) {
            return "running";
        }
        if (observed == 0) {
            return "torn_down";
        }
        return running == 0 ? "failed" : "degraded";
    }

    static String containerName(String decky, String service) {
        return decky + "-" + service.replace('_', '-');
    }

    private static boolean configDiffers(Row row, Decky d) {
        return !JsonValues.sameValue(row.services(), d.servicesJson())
                || !d.ip().equals(row.deckyIp())
                || !JsonValues.sameValue(row.deckyConfig(), d.json());
    }
}
