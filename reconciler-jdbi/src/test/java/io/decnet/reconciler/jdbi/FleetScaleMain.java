package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.FakeRuntime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A second process for {@link SqliteScaleTest} ({@code DECKIES DIR [REPEATS]}): writes a state file of
 * {@code DECKIES} deckies as DECNET writes them (each with services and config, {@code json.dumps} spacing, about
 * 370 bytes), then runs passes of the real reader and store on SQLite in {@code DIR}, Docker faked with every
 * container running: one that inserts every decky, then {@code REPEATS} (default 2) converged passes that find the
 * file unchanged, then {@code REPEATS} that re-parse it after a rewrite of the same content. Prints one
 * {@code pass ...} line per pass and a {@code scale: ...} summary with the fastest converged pass of each kind;
 * exits 1 when a pass does not do exactly that.
 */
public final class FleetScaleMain {
    private static final String[][] SERVICES = {{"ssh", "smtp_relay", "http"}, {"rdp", "smb"}, {"http"},
        {"ssh", "telnet"}};

    private FleetScaleMain() {
    }

    public static void main(String[] args) throws IOException {
        int deckies = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path file = writeStateFile(dir.resolve("decnet-state.json"), deckies);
        FakeRuntime docker = FakeRuntime.create();
        for (int i = 0; i < deckies; i++) {
            docker.running(name(i), SERVICES[i % SERVICES.length]);
        }
        StateFileSource state = StateFileSource.of(file);
        Reconciler reconciler = Reconciler.create();
        boolean ok;
        double unchanged = Double.MAX_VALUE;
        double reparsed = Double.MAX_VALUE;
        try (JdbiFleetStore store = JdbiFleetStore.sqlite(dir.resolve("decnet.db"))) {
            ok = pass("insert", reconciler.reconcileOnce(state, store, docker, "local"), deckies);
            for (int k = 0; k < repeats; k++) {
                ReconcileReport report = reconciler.reconcileOnce(state, store, docker, "local");
                ok &= pass("converged, file unchanged", report, 0);
                unchanged = Math.min(unchanged, ms(report.timings().total()));
            }
            for (int k = 0; k < repeats; k++) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(k + 1)));
                ReconcileReport report = reconciler.reconcileOnce(state, store, docker, "local");
                ok &= pass("converged, file re-parsed", report, 0);
                reparsed = Math.min(reparsed, ms(report.timings().total()));
            }
        }
        System.out.printf(Locale.ROOT, "scale: %d deckies, state file %.1f MB, fastest converged pass %.0f ms (file "
                + "unchanged), %.0f ms (file re-parsed), peak heap %.0f MB of %.0f MB, peak RSS %s%n", deckies,
                Files.size(file) / 1e6, unchanged, reparsed, peakHeap() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                peakRss());
        System.exit(ok ? 0 : 1);
    }

    private static boolean pass(String what, ReconcileReport report, int inserts) {
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "pass %s: %.0f ms (state file %.0f, store read %.0f, plan %.0f, apply %.0f); "
                + "%s; heap after GC %.0f MB%n", what, report.timings().total().toNanos() / 1e6,
                ms(report.timings().stateRead()), ms(report.timings().storeRead()),
                ms(report.timings().plan()), ms(report.timings().apply()), report.countsLine(), retained / 1e6);
        return !report.failed() && report.skips().isEmpty() && report.inserted() == inserts
                && report.changes().size() == inserts;
    }

    private static double ms(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "decky-%06d", i);
    }

    /** The state file, written as it is generated (the fleet's text is never held whole). */
    private static Path writeStateFile(Path file, int deckies) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\", \"subnet\": \"10.0.0.0/8\", "
                    + "\"gateway\": \"10.0.0.1\", \"deckies\": [");
            for (int i = 0; i < deckies; i++) {
                String[] services = SERVICES[i % SERVICES.length];
                out.write((i == 0 ? "" : ", ") + "{\"name\": \"" + name(i) + "\", \"ip\": \"10." + (i >> 16 & 255)
                        + "." + (i >> 8 & 255) + "." + (i & 255) + "\", \"services\": [\"" + String.join("\", \"",
                        services) + "\"], \"distro\": \"debian\", \"base_image\": \"debian\", \"hostname\": \"web"
                        + i + "\", \"build_base\": \"debian:bookworm-slim\", \"archetype\": null, "
                        + "\"service_config\": " + (services[0].equals("ssh")
                                ? "{\"ssh\": {\"port\": 22, \"banner\": \"OpenSSH_9.2p1 Debian-2\"}}" : "{}")
                        + ", \"nmap_os\": \"linux\", \"mutate_interval\": null, \"last_mutated\": 0.0, "
                        + "\"last_login_attempt\": 0.0, \"host_uuid\": null}");
            }
            out.write("], \"log_file\": null, \"ipvlan\": false, \"mutate_interval\": 30}, "
                    + "\"compose_path\": \"/var/lib/decnet/decnet-compose.yml\"}");
        }
        return file;
    }

    private static long peakHeap() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }

    /** The process's peak resident set (Linux), or "n/a". */
    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
