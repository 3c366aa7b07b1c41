package io.decnet.reconciler.cli.parity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generated situation: the table's rows (all hosts), what is at {@code --state}, whether Docker answers, and
 * whether the packaged launcher runs it (else {@code Main.run} in this JVM).
 */
record Scenario(long seed, int index, List<Row> rows, StateInput state, boolean dockerReachable,
        boolean viaProcess) {

    Scenario {
        rows = List.copyOf(rows);
    }

    /** Everything needed to reproduce and read a mismatch, with the Docker statuses the model used. */
    String describe(Map<String, String> containers) {
        StringBuilder b = new StringBuilder();
        b.append("scenario ").append(index).append(" of seed ").append(seed)
                .append(" (rerun: -Dparity.seed=").append(seed).append(")")
                .append(viaProcess ? ", run by the packaged launcher" : ", run in-process").append('\n');
        b.append("  docker: ").append(dockerReachable ? "reachable" : "unreachable (socket does not exist)");
        if (dockerReachable) {
            b.append(", containers ").append(new TreeMap<>(containers));
        }
        b.append('\n');
        b.append("  ").append(state).append('\n');
        b.append("  rows before:");
        rows.forEach(r -> b.append("\n      ").append(r));
        return b.append('\n').toString();
    }
}
