package io.decnet.reconciler.cli.parity;

import io.decnet.reconciler.cli.parity.Expectation.ExpectedRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where a run ended differently from the model: exit code, stdout, the final table, DECNET's formats. */
final class Comparison {
    private Comparison() {
    }

    /** Each difference, one line each; empty when the run ended as expected. */
    static List<String> differences(Scenario s, Expectation want, RunResult got, List<Row> after) {
        List<String> d = new ArrayList<>();
        if (got.code() != want.exitCode()) {
            d.add("exit code " + got.code() + ", expected " + want.exitCode());
        }
        if (want.countsLine().isPresent()) {
            String first = got.out().lines().findFirst().orElse("<nothing>");
            if (!first.equals(want.countsLine().get())) {
                d.add("counts line '" + first + "', expected '" + want.countsLine().get() + "'");
            }
        } else if (!got.out().isEmpty()) {
            d.add("stdout not empty for a pass that could not run: " + Show.text(got.out()));
        }
        if (got.err().contains("\tat ")) {
            d.add("a stack trace on stderr");
        }
        Map<Row.Key, Row> before = index(s.rows());
        Map<Row.Key, Row> actual = index(after);
        for (Row.Key key : union(want.table(), actual)) {
            ExpectedRow e = want.table().get(key);
            Row a = actual.get(key);
            if (e == null) {
                d.add("row " + key + " should not exist: " + a);
            } else if (a == null) {
                d.add("row " + key + " missing, expected " + e);
            } else if (e.isUnchanged()) {
                if (!e.unchanged().equals(a)) {
                    d.add("row " + key + " changed, expected it untouched:\n      before " + e.unchanged()
                            + "\n      after  " + a);
                }
            } else {
                List<String> cols = new ArrayList<>();
                if (!Objects.equals(e.state(), a.state())) {
                    cols.add("state " + Show.text(a.state()) + " != " + Show.text(e.state()));
                }
                if (!JsonValues.sameValue(e.services(), a.services())) {
                    cols.add("services " + Show.text(a.services()) + " != " + Show.text(e.services()));
                }
                if (!Objects.equals(e.ip(), a.deckyIp())) {
                    cols.add("decky_ip " + Show.text(a.deckyIp()) + " != " + Show.text(e.ip()));
                }
                if (!JsonValues.sameValue(e.config(), a.deckyConfig())) {
                    cols.add("decky_config " + Show.text(a.deckyConfig()) + " != " + Show.text(e.config()));
                }
                if (!cols.isEmpty()) {
                    d.add("row " + key + ": " + String.join("; ", cols));
                }
            }
            if (a != null && !a.equals(before.get(key))) {
                d.addAll(formatProblems(a));
            }
        }
        return d;
    }

    /** A row the command wrote must stay readable by DECNET: its timestamp text, JSON text columns. */
    static List<String> formatProblems(Row a) {
        List<String> p = new ArrayList<>();
        if (a.updatedAt() == null || !DecnetTime.WRITTEN.matcher(a.updatedAt()).matches()) {
            p.add("row " + a.key() + " written with updated_at " + Show.text(a.updatedAt())
                    + ", not DECNET's 'YYYY-MM-DD HH:MM:SS.ffffff'");
        }
        if (a.lastSeen() != null && !DecnetTime.WRITTEN.matcher(a.lastSeen()).matches()) {
            p.add("row " + a.key() + " written with last_seen " + Show.text(a.lastSeen())
                    + ", not DECNET's 'YYYY-MM-DD HH:MM:SS.ffffff'");
        }
        if (!JsonValues.isStringArray(a.services())) {
            p.add("row " + a.key() + " written with services " + Show.text(a.services())
                    + ", not a JSON array of strings");
        }
        if (!JsonValues.isObject(a.deckyConfig())) {
            p.add("row " + a.key() + " written with decky_config " + Show.text(a.deckyConfig())
                    + ", not a JSON object");
        }
        return p;
    }

    private static Map<Row.Key, Row> index(List<Row> rows) {
        Map<Row.Key, Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.key(), r));
        return m;
    }

    private static List<Row.Key> union(Map<Row.Key, ExpectedRow> a, Map<Row.Key, Row> b) {
        List<Row.Key> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        keys.sort((x, y) -> x.toString().compareTo(y.toString()));
        return keys;
    }
}
