package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.benchmarks.engine.EngineBenchmark.Database;
import java.util.List;
import java.util.Locale;

/**
 * One figure of the engine benchmark.
 *
 * @param database where the table was
 * @param deckies the fleet size
 * @param what what was timed
 * @param samples the timings
 * @param comparison the median over the sum of the three bare reads' medians (and others), or {@code null}
 */
record Result(Database database, int deckies, String what, Samples samples, String comparison) {

    /** The results as a Markdown table, milliseconds. */
    static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| database | deckies | what | median ms | min ms | max ms | compared |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", r.database.label(),
                    r.deckies, r.what, Samples.ms(r.samples.median()), Samples.ms(r.samples.min()),
                    Samples.ms(r.samples.max()), r.comparison == null ? "" : r.comparison));
        }
        return out.toString();
    }
}
