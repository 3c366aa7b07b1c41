package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link StateFileSource#read()} of a {@code decnet-state.json} of 1,000 and 10,000 deckies (0.39 and 3.9 MB),
 * written once into a temporary directory, from the page cache. {@code file=changed}: every read parses (the
 * source is built with {@code reuseUnchanged(false)}, which costs what a changed file costs): the read, the parse,
 * the schema checks and each decky's {@code configJson}. {@code file=unchanged}: the file is the one read last, so
 * a read costs its stamp and the hash of its bytes, and gives back the fleet read before.
 *
 * <p>Not thread-safe: JMH state of one benchmark thread (see {@link ShortRun} for the settings).
 */
public class StateFileBenchmark extends ShortRun {

    @Param({"1000", "10000"})
    int deckies;

    @Param({"unchanged", "changed"})
    String file;

    private Path dir;
    private StateFileSource source;

    @Setup(Level.Trial)
    public void writeStateFile() throws IOException {
        dir = Files.createTempDirectory("decnet-state-bench");
        Path path = dir.resolve("decnet-state.json");
        Files.writeString(path, Deckies.stateFileJson(Fleets.deckies(deckies)));
        source = StateFileSource.builder(path).reuseUnchanged(!"changed".equals(file)).build();
        DesiredFleet fleet = source.read();
        if (!(fleet instanceof DesiredFleet.Present present) || present.deckies().size() != deckies) {
            throw new IllegalStateException("the generated state file must read as " + deckies
                    + " deckies, read as " + (fleet instanceof DesiredFleet.Present present
                            ? present.deckies().size() + " deckies" : fleet));
        }
    }

    @TearDown(Level.Trial)
    public void deleteStateFile() throws IOException {
        Files.deleteIfExists(source.path());
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public DesiredFleet read() {
        return source.read();
    }
}
