package io.decnet.reconciler.cli.parity;

import java.util.Map;
import java.util.Optional;

/**
 * What DECNET's reconciler (plus the intended differences) leaves behind for one scenario.
 *
 * @param table the final rows of every host by key
 * @param countsLine {@code reconcile: inserted=N deleted=N state_updated=N}, empty when the pass cannot run (then
 *     nothing at all is printed on stdout)
 * @param exitCode the command's exit code
 */
record Expectation(Map<Row.Key, ExpectedRow> table, Optional<String> countsLine, int exitCode) {
    Expectation {
        table = Map.copyOf(table);
    }

    /**
     * One final row: either {@code unchanged} (byte for byte the row before), or written with these values
     * (services and config as JSON text, compared by value).
     */
    record ExpectedRow(Row.Key key, Row unchanged, String state, String services, String ip, String config) {
        static ExpectedRow unchanged(Row row) {
            return new ExpectedRow(row.key(), row, row.state(), row.services(), row.deckyIp(), row.deckyConfig());
        }

        static ExpectedRow written(Row.Key key, String state, Decky decky) {
            return new ExpectedRow(key, null, state, decky.servicesJson(), decky.ip(), decky.json());
        }

        boolean isUnchanged() {
            return unchanged != null;
        }

        @Override
        public String toString() {
            return isUnchanged() ? "unchanged " + unchanged
                    : key + " state=" + Show.text(state) + " services=" + Show.text(services) + " ip="
                            + Show.text(ip) + " config=" + Show.text(config);
        }
    }
}
