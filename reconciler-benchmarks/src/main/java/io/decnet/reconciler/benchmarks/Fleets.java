package io.decnet.reconciler.benchmarks;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.testkit.Deckies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates fleets shaped like DECNET's: each decky has three services and a {@code decky_config} of about 400
 * bytes with the fields of SPEC §2.1.
 *
 * <p>Stateless and thread-safe.
 */
final class Fleets {

    /** The host every generated decky and row belongs to. */
    static final String HOST = "local";

    /** The instant of every pass, so that runs plan the same thing. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final List<List<String>> SERVICES = List.of(
            List.of("ssh", "smtp_relay", "http"),
            List.of("ssh", "ftp", "mysql"),
            List.of("rdp", "smb", "http"));

    private Fleets() {
    }

    /** {@code count} deckies named {@code decky-000000} on, each with its own ip. */
    static List<DeckySpec> deckies(int count) {
        if (count < 1 || count > 1 << 24) {
            throw new IllegalArgumentException("count must be between 1 and " + (1 << 24) + ", was " + count);
        }
        List<DeckySpec> deckies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deckies.add(decky(i));
        }
        return List.copyOf(deckies);
    }

    private static DeckySpec decky(int index) {
        String name = String.format(Locale.ROOT, "decky-%06d", index);
        return Deckies.decky(name)
                .ip("10." + ((index >> 16) & 0xff) + "." + ((index >> 8) & 0xff) + "." + (index & 0xff))
                .services(SERVICES.get(index % SERVICES.size()))
                .field("archetype", "linux-server")
                .rawField("service_config", "{\"ssh\":{\"banner\":\"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\"}}")
                .decnetDefaults()
                .build();
    }

    /** The reconciler every benchmark runs: default policy, no listener, a clock stopped at {@link #NOW}. */
    static Reconciler reconciler() {
        return Reconciler.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /**
     * {@code compactJson} spaced the way Python's {@code json.dumps} writes it (a space after each {@code ,} and
     * {@code :} outside strings): the same JSON value in a different text, as in rows DECNET itself wrote.
     */
    static String pythonSpacing(String compactJson) {
        StringBuilder out = new StringBuilder(compactJson.length() + compactJson.length() / 8);
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < compactJson.length(); i++) {
            char c = compactJson.charAt(i);
            out.append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' || c == ':') {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
