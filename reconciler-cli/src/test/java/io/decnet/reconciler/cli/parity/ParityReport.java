package io.decnet.reconciler.cli.parity;

import io.decnet.reconciler.cli.parity.Expectation.ExpectedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The suite's tally: scenarios run, each mismatch with what is needed to reproduce and read it. */
final class ParityReport {
    private final long seed;
    private final List<String> mismatches = new ArrayList<>();
    private final Coverage coverage = new Coverage();
    private int scenarios;
    private int viaProcess;
    private int retried;

    ParityReport(long seed) {
        this.seed = seed;
    }

    void record(Scenario s, Map<String, String> containers, Instant now, Expectation want, RunResult got,
            List<Row> after, List<String> differences) {
        scenarios++;
        coverage.add(s, want, now);
        if (s.viaProcess()) {
            viaProcess++;
        }
        if (differences.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("MISMATCH seed ").append(seed).append(" scenario ").append(s.index())
                .append('\n').append(s.describe(containers));
        b.append("  differences:\n");
        differences.forEach(x -> b.append("    - ").append(x.replace("\n", "\n      ")).append('\n'));
        b.append("  expected: exit ").append(want.exitCode()).append(", stdout ")
                .append(want.countsLine().map(l -> "'" + l + "' …").orElse("empty")).append('\n');
        want.table().values().stream().sorted(Comparator.comparing(e -> e.key().toString()))
                .map(ExpectedRow::toString).forEach(l -> b.append("      ").append(l).append('\n'));
        b.append("  actual: ").append(got).append('\n');
        b.append("  rows after:\n");
        after.forEach(r -> b.append("      ").append(r).append('\n'));
        mismatches.add(b.toString());
    }

    /** A scenario was run again because the shared engine did not answer the command in time. */
    void retried() {
        retried++;
    }

    int mismatches() {
        return mismatches.size();
    }

    /** What the scenarios exercised. */
    String coverage() {
        return "parity coverage: " + coverage;
    }

    String summary() {
        return "parity: " + scenarios + " scenarios, " + mismatches.size() + " mismatches (seed " + seed + ")";
    }

    /** The first {@code n} mismatches, for a failure message. */
    String first(int n) {
        return String.join("\n", mismatches.subList(0, Math.min(n, mismatches.size())));
    }

    void write(Path file, Duration took) {
        StringBuilder b = new StringBuilder(summary()).append('\n')
                .append(viaProcess).append(" of them through the packaged launcher, ").append(retried)
                .append(" run again because the engine did not answer in time; took ")
                .append(took.toMillis()).append(" ms\n")
                .append("rerun: mvn -B verify -pl reconciler-cli -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false ")
                .append("-Dfailsafe.failIfNoSpecifiedTests=false -Dit.test='Parity*' -Dparity.seed=").append(seed)
                .append(" -Dparity.scenarios=").append(scenarios).append('\n')
                .append(coverage()).append("\n\n");
        mismatches.forEach(m -> b.append(m).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
