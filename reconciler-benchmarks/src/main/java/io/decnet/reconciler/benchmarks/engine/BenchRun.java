package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of one runner's run: deckies {@code <id>-000000}, {@code <id>-000001}, ... with two services each
 * ({@code ssh}, {@code http}, as DECNET's deployer writes them), their containers, and the id that labels the
 * run's containers ({@link EngineContainers}).
 *
 * @param id the run's id, e.g. {@code eb1a2b3c}
 */
record BenchRun(String id) {
    private static final List<String> SERVICES = List.of("ssh", "http");

    /** A new run whose id is {@code prefix} and six random hex digits. */
    static BenchRun random(String prefix) {
        return new BenchRun(prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6));
    }

    /** Deckies {@code from} (inclusive) to {@code to} (exclusive), each with its own ip. */
    List<DeckySpec> deckies(int from, int to) {
        List<DeckySpec> fleet = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            fleet.add(Deckies.decky(String.format(Locale.ROOT, "%s-%06d", id, i))
                    .ip("10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff))
                    .services(SERVICES)
                    .decnetDefaults()
                    .build());
        }
        return fleet;
    }

    /** The decky number of one of this run's container names ({@code <id>-000042-ssh} gives 42). */
    int index(String containerName) {
        return Integer.parseInt(containerName.substring(id.length() + 1, id.length() + 7));
    }

    /** The containers of {@code deckies} (SPEC §2.3: {@code <decky>-<service>}, {@code _} as {@code -}). */
    static List<String> containerNames(List<DeckySpec> deckies) {
        List<String> names = new ArrayList<>(deckies.size() * 2);
        for (DeckySpec d : deckies) {
            for (String service : d.services()) {
                names.add(d.name() + "-" + service.replace('_', '-'));
            }
        }
        return names;
    }

    /** Removes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
