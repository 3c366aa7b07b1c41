package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileReuseTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedFileGivesBackTheFleetOfTheLastReadWithoutParsingIt() throws IOException {
        StateFileSource source = StateFileSource.of(write(fleet("a", "b")));

        DesiredFleet first = source.read();

        assertThat(source.read()).isSameAs(first);
        assertThat(names(source.read())).containsExactly("a", "b");
    }

    @Test
    void aRewriteOfTheSameSizeThatTheMetadataDoesNotShowIsCaughtByTheHash() throws IOException {
        Path file = write(fleet("a", "b"));
        FileStamp frozen = FileStamp.of(file);
        StateFileSource source = StateFileSource.builder(file).stamper(path -> frozen).build();
        DesiredFleet first = source.read();

        Files.writeString(file, fleet("c", "d")); // same length, and a stamp that claims nothing changed

        assertThat(source.read()).isNotSameAs(first);
        assertThat(names(source.read())).containsExactly("c", "d");
    }

    @Test
    void aFileReplacedByRenameIsReadAgainEvenWithTheSameSizeAndTime() throws IOException {
        Path file = write(fleet("a", "b"));
        FileTime time = Files.getLastModifiedTime(file);
        StateFileSource source = StateFileSource.of(file);
        source.read();

        Path next = Files.writeString(dir.resolve("next.json"), fleet("c", "d"));
        Files.setLastModifiedTime(next, time);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(names(source.read())).containsExactly("c", "d");
    }

    @Test
    void aFileChangedInPlaceIsReadAgain() throws IOException {
        Path file = write(fleet("a", "b"));
        StateFileSource source = StateFileSource.of(file);
        source.read();

        Files.writeString(file, fleet("a", "b", "c"));

        assertThat(names(source.read())).containsExactly("a", "b", "c");
    }

    @Test
    void aBrokenRewriteIsUnreadableAndTheFixedFileIsReadAgain() throws IOException {
        Path file = write(fleet("a", "b"));
        StateFileSource source = StateFileSource.of(file);
        source.read();

        Files.writeString(file, fleet("a", "b").substring(0, 20));
        assertThat(source.read()).isInstanceOf(DesiredFleet.Unreadable.class);

        Files.writeString(file, fleet("a", "b"));
        assertThat(names(source.read())).containsExactly("a", "b");
    }

    @Test
    void anAbsentFileIsAnEmptyFleetAndAFileThatComesBackIsReadAgain() throws IOException {
        Path file = write(fleet("a", "b"));
        StateFileSource source = StateFileSource.builder(file).absentSettle(java.time.Duration.ZERO).build();
        source.read();

        Files.delete(file);
        assertThat(source.read()).isInstanceOf(DesiredFleet.Absent.class);

        Files.writeString(file, fleet("a", "b"));
        assertThat(names(source.read())).containsExactly("a", "b");
    }

    @Test
    void reuseCanBeSwitchedOff() throws IOException {
        StateFileSource source = StateFileSource.builder(write(fleet("a"))).reuseUnchanged(false).build();

        assertThat(source.read()).isNotSameAs(source.read()).isEqualTo(source.read());
    }

    @Test
    void concurrentReadsWhileTheFileIsReplacedEachGetOneWholeVersionAndTheLastOneWins() throws Exception {
        Path file = write(version(0));
        StateFileSource source = StateFileSource.of(file);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(readers.submit(() -> {
                    started.countDown();
                    while (writing.get()) {
                        List<String> names = names(source.read());
                        // Every decky of one version carries that version's suffix: a mix is a torn read.
                        String suffix = names.get(0).substring(names.get(0).indexOf('v'));
                        assertThat(names).allMatch(n -> n.endsWith(suffix));
                        seen.add(suffix);
                    }
                    return null;
                }));
            }
            started.await();
            for (int v = 1; v <= 40; v++) {
                Path next = Files.writeString(dir.resolve("next.json"), version(v));
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Thread.sleep(2);
            }
            writing.set(false);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }

        assertThat(seen).hasSizeGreaterThan(1);
        assertThat(names(source.read())).allMatch(n -> n.endsWith("v40"));
        assertThat(source.read()).isSameAs(source.read());
    }

    /** 50 deckies named for version {@code v}, the same size for every v of two digits. */
    private static String version(int v) {
        String[] names = new String[50];
        for (int i = 0; i < names.length; i++) {
            names[i] = "d" + i + "v" + v;
        }
        return fleet(names);
    }

    private static String fleet(String... names) {
        StringBuilder json = new StringBuilder("{\"config\": {\"deckies\": [");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(names[i])
                    .append("\", \"ip\": \"10.0.0.").append(i).append("\", \"services\": [\"ssh\"]}");
        }
        return json.append("]}}").toString();
    }

    private static List<String> names(DesiredFleet fleet) {
        assertThat(fleet).isInstanceOf(DesiredFleet.Present.class);
        return ((DesiredFleet.Present) fleet).deckies().stream().map(DeckySpec::name).toList();
    }

    private Path write(String json) {
        try {
            return Files.writeString(dir.resolve("decnet-state.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
