package io.decnet.reconciler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes decnet-state.json files the way DECNET does (SPEC §2.1), for tests. */
final class StateFiles {
    private StateFiles() {
    }

    /** A state file with one decky per {@code "name:svc1,svc2"} spec. */
    static Path write(Path file, String... deckies) {
        String list = Arrays.stream(deckies).map(StateFiles::decky).collect(Collectors.joining(",\n      "));
        String json = """
                {
                  "config": {
                    "mode": "unihost", "interface": "eth0", "subnet": "10.0.0.0/24", "gateway": "10.0.0.1",
                    "deckies": [
                      %s
                    ],
                    "log_file": null, "ipvlan": false, "mutate_interval": 30
                  },
                  "compose_path": "/var/lib/decnet/decnet-compose.yml"
                }
                """.formatted(list);
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A state file with one decky ({@code ssh} at 10.0.0.5) whose name is {@code jsonEscapedName} as it stands
     * between the JSON quotes, so that a test can write any name, valid or not ({@code "a\\nb"}: a newline).
     */
    static Path withDeckyNamed(Path file, String jsonEscapedName) {
        try {
            return Files.writeString(file, "{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\", "
                    + "\"subnet\": \"10.0.0.0/24\", \"gateway\": \"10.0.0.1\", \"deckies\": [{\"name\": \""
                    + jsonEscapedName + "\", \"ip\": \"10.0.0.5\", \"services\": [\"ssh\"]}]}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decky(String spec) {
        String[] parts = spec.split(":", 2);
        String services = Arrays.stream(parts[1].split(",")).map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(", "));
        return "{\"name\": \"" + parts[0] + "\", \"ip\": \"10.0.0." + (10 + Math.abs(parts[0].hashCode() % 200))
                + "\", \"services\": [" + services + "], \"distro\": \"debian\", \"host_uuid\": null}";
    }
}
