package io.decnet.reconciler.cli.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parity suite's comparison catches what it must: a wrong table, wrong output, rows DECNET cannot read. */
class ComparisonTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String WRITTEN = "2026-12-04 12:00:01.123456";
    private static final Decky A = Decky.of("a", "10.0.0.9", List.of("ssh"), null);
    private static final Row PEER = new Row("peer-1", "a", "[]", null, null, "", null, null, null, "not a time");

    private static Scenario scenario(StateInput state) {
        return new Scenario(5, 3, List.of(PEER), state, false, false);
    }

    private static Row inserted(String services, String config, String updatedAt) {
        return new Row("local", "a", services, config, A.ip(), "running", null, null, null, updatedAt);
    }

    private static List<String> diff(StateInput state, RunResult got, Row... after) {
        Scenario s = scenario(state);
        return Comparison.differences(s, DecnetModel.expect(s, Map.of(), NOW), got, List.of(after));
    }

    private static final RunResult INSERTED = new RunResult(0, "reconcile: inserted=1 deleted=0 state_updated=0\n"
            + "config_updated=0 …\n", "");

    @Test
    void theRunDecnetWouldHaveMatches() {
        StateInput file = new StateInput.Present(List.of(A));
        assertThat(diff(file, INSERTED, PEER, inserted("[\"ssh\"]", A.jsonReordered(), WRITTEN))).isEmpty();
    }

    @Test
    void aPeerRowTouchedAWrongCountAndAWrongExitCodeAreEachReported() {
        StateInput file = new StateInput.Present(List.of(A));
        Row touched = new Row("peer-1", "a", "[]", null, null, "", null, null, null, WRITTEN);
        RunResult wrong = new RunResult(1, "reconcile: inserted=2 deleted=0 state_updated=0\n", "");
        assertThat(diff(file, wrong, touched, inserted(A.servicesJson(), A.json(), WRITTEN)))
                .anyMatch(d -> d.startsWith("exit code 1"))
                .anyMatch(d -> d.startsWith("counts line"))
                .anyMatch(d -> d.contains("changed, expected it untouched"));
    }

    @Test
    void rowsWrittenInAnotherFormatThanDecnetsAreReported() {
        StateInput file = new StateInput.Present(List.of(A));
        assertThat(diff(file, INSERTED, PEER, inserted(A.servicesJson(), A.json(), "2026-12-04T12:00:01Z")))
                .singleElement().asString().contains("updated_at");
        assertThat(diff(file, INSERTED, PEER, inserted("ssh", A.json(), WRITTEN)))
                .anyMatch(d -> d.contains("not a JSON array of strings"));
    }

    @Test
    void anythingOnStdoutOfAPassThatCouldNotRunIsReported() {
        RunResult counts = new RunResult(1, "reconcile: inserted=0 deleted=0 state_updated=0\n", "error: …\n");
        assertThat(diff(new StateInput.MissingDirectory(), counts, PEER)).singleElement().asString()
                .startsWith("stdout not empty");
        assertThat(diff(new StateInput.MissingDirectory(), new RunResult(1, "", "error: …\n"), PEER)).isEmpty();
    }
}
