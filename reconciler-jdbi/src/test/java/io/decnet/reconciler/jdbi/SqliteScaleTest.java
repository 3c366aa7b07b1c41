package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big fleet on real SQLite within a small heap, in a JVM of its own ({@link FleetScaleMain}): a state file of
 * DECNET-style deckies, a pass inserting them all, a converged pass with the file unchanged and one that re-parses
 * it. In the suite: 10,000 deckies in {@code -Xmx64m}. The long profile, by hand:
 * {@code -Dscale.deckies=100000 -Dscale.heap=512m}. Prints the child's {@code pass ...} and {@code scale: ...}
 * lines.
 */
class SqliteScaleTest {
    private static final int DECKIES = Integer.getInteger("scale.deckies", 10_000);
    private static final String HEAP = System.getProperty("scale.heap", "64m");
    private static final long TIMEOUT_SECONDS = Long.getLong("scale.timeoutSeconds", 300);

    @TempDir
    Path dir;

    @Test
    void aBigFleetIsInsertedAndThenFoundConvergedWithinASmallHeap() throws IOException, InterruptedException {
        Path log = dir.resolve("scale.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), FleetScaleMain.class.getName(), String.valueOf(DECKIES),
                dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean ended = child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        output.lines().filter(l -> l.startsWith("pass ") || l.startsWith("scale: ")).forEach(System.out::println);

        assertThat(ended).as("ended within %d s: %s", TIMEOUT_SECONDS, output).isTrue();
        assertThat(child.exitValue()).as("exit code (an OutOfMemoryError exits 3): %s", output).isZero();
        assertThat(output).contains("pass insert:", "reconcile: inserted=" + DECKIES + " deleted=0 state_updated=0")
                .contains("pass converged, file unchanged:", "pass converged, file re-parsed:");
    }
}
