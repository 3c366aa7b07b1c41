package io.decnet.reconciler.cli.parity;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the scenarios exercised, so that a report of 0 mismatches can be read for what it covers. */
final class Coverage {
    private static final Pattern COUNTS = Pattern.compile("reconcile: inserted=(\\d+) deleted=(\\d+) "
            + "state_updated=(\\d+)");
    private final Map<String, Integer> tally = new TreeMap<>();

    void add(Scenario s, Expectation want, Instant now) {
        count("state " + s.state().getClass().getSimpleName().toLowerCase());
        if (s.state() instanceof StateInput.Present p && p.deckies().isEmpty()) {
            count("state present with no deckies");
        }
        if (s.viaProcess()) {
            count("launcher runs (" + s.state().getClass().getSimpleName().toLowerCase() + ", docker "
                    + (s.dockerReachable() ? "up" : "down") + ")");
        }
        count(s.dockerReachable() ? "docker reachable" : "docker unreachable");
        want.countsLine().ifPresent(l -> {
            Matcher m = COUNTS.matcher(l);
            if (m.matches()) {
                count("expected inserts", Integer.parseInt(m.group(1)));
                count("expected deletes", Integer.parseInt(m.group(2)));
                count("expected state updates", Integer.parseInt(m.group(3)));
            }
        });
        want.table().values().stream().filter(e -> !e.isUnchanged()).forEach(e -> count("rows written"));
        for (Row r : s.rows()) {
            if (!DecnetModel.HOST.equals(r.hostUuid())) {
                count("peer rows");
                continue;
            }
            if (DecnetModel.inFlight(r, now)) {
                count("in-flight transitional rows");
            }
            if (!ScenarioGenerator.DECNET_STATES.contains(r.state())) {
                count("rows with a state DECNET never writes");
            }
            if (!JsonValues.isStringArray(r.services())) {
                count("rows with garbled services");
            }
            if (r.deckyConfig() != null && !JsonValues.isObject(r.deckyConfig())) {
                count("rows with a config that is no object");
            }
            if (DecnetTime.parse(r.updatedAt()).isEmpty()) {
                count("rows with an unreadable updated_at");
            }
        }
        if (s.state() instanceof StateInput.Present p) {
            p.deckies().stream().filter(d -> !d.belongsTo(DecnetModel.HOST)).forEach(d -> count("peer deckies"));
        }
    }

    private void count(String what) {
        count(what, 1);
    }

    private void count(String what, int n) {
        tally.merge(what, n, Integer::sum);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        tally.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
