package io.decnet.reconciler.core.statefile;

import io.decnet.reconciler.api.DesiredFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A state file in a directory of its own that properties rewrite with each generated content and read back. */
final class ScratchStateFile {
    private final Path dir;

    private ScratchStateFile(Path dir) {
        this.dir = dir;
    }

    static ScratchStateFile create(String prefix) throws IOException {
        return new ScratchStateFile(Files.createTempDirectory(prefix));
    }

    /** Writes {@code bytes} as {@code decnet-state.json} and reads it with {@link StateFileSource}. */
    DesiredFleet read(byte[] bytes) {
        try {
            Path file = Files.write(dir.resolve("decnet-state.json"), bytes);
            return StateFileSource.of(file).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
