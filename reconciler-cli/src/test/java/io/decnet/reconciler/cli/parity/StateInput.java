package io.decnet.reconciler.cli.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a scenario puts at {@code --state}: a DECNET state file, nothing, a broken file, or a wrong path. */
sealed interface StateInput {
    /** Writes the input under {@code dir}; returns the path given to {@code --state}. */
    Path write(Path dir);

    /** A readable file with these deckies (all hosts'). */
    record Present(List<Decky> deckies) implements StateInput {
        @Override
        public Path write(Path dir) {
            return StateInput.write(dir, document(deckies));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("state file with " + deckies.size() + " deckies");
            deckies.forEach(d -> b.append("\n      ").append(d.json()));
            return b.toString();
        }
    }

    /** No file, its directory exists: an empty fleet. */
    record Absent() implements StateInput {
        @Override
        public Path write(Path dir) {
            return dir.resolve("decnet-state.json");
        }

        @Override
        public String toString() {
            return "state file absent (its directory exists)";
        }
    }

    /** A file that exists and is unreadable: {@code why} says how, {@code text} is its content. */
    record Unreadable(String why, String text) implements StateInput {
        @Override
        public Path write(Path dir) {
            return StateInput.write(dir, text);
        }

        @Override
        public String toString() {
            return "unreadable state file (" + why + "):\n      " + text.replace("\n", "\n      ");
        }
    }

    /** A path whose directory does not exist. */
    record MissingDirectory() implements StateInput {
        @Override
        public Path write(Path dir) {
            return dir.resolve("no-such-dir").resolve("decnet-state.json");
        }

        @Override
        public String toString() {
            return "state file's directory does not exist";
        }
    }

    /** The whole decnet-state.json document, as DECNET's CLI writes it. */
    static String document(List<Decky> deckies) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", "unihost");
        config.put("interface", "eth0");
        config.put("subnet", "10.0.0.0/24");
        config.put("gateway", "10.0.0.1");
        config.put("deckies", deckies.stream().map(Decky::fields).toList());
        config.put("log_file", null);
        config.put("ipvlan", false);
        config.put("mutate_interval", 30);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", config);
        doc.put("compose_path", "/var/lib/decnet/decnet-compose.yml");
        return PyJson.dumps(doc);
    }

    private static Path write(Path dir, String text) {
        Path file = dir.resolve("decnet-state.json");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
