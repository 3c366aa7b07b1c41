package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the state file reader: DECNET-shaped documents mutated at random (bytes flipped, cut, repeated or
 * inserted; NaN, Infinity, huge numbers, deep nesting, long strings and arrays, NUL, BOMs, UTF-16/32, invalid UTF-8,
 * duplicate keys) are always answered with present, absent or unreadable, never an exception, within a bounded
 * time; a present fleet holds only names that print as they are, and an unreadable one says why in one printable
 * line. Tries: jqwik's default (1,000) in the suite, or {@code -Djqwik.tries.default=1000000} by hand (every other
 * property of this module fixes its own count). Prints one line of figures.
 */
class StateFileFuzzProperties {
    private static final long SLOW_NANOS = 2_000_000_000L;
    private static ScratchStateFile file;
    private static final AtomicLong present = new AtomicLong();
    private static final AtomicLong unreadable = new AtomicLong();
    private static final AtomicLong slowest = new AtomicLong();
    private static final AtomicLong largest = new AtomicLong();

    @BeforeContainer
    static void createDirectory() throws IOException {
        file = ScratchStateFile.create("state-file-fuzz");
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.printf("fuzz (state file): %d inputs, %d present, %d unreadable, slowest %.1f ms, largest %d bytes%n",
                present.get() + unreadable.get(), present.get(), unreadable.get(), slowest.get() / 1e6,
                largest.get());
        file.delete();
    }

    @Property
    void anyMutatedDocumentIsPresentOrUnreadableNeverAnErrorAndPrintsSafely(@ForAll("documents") byte[] bytes) {
        long start = System.nanoTime();
        DesiredFleet fleet = read(bytes);
        long took = System.nanoTime() - start;
        slowest.accumulateAndGet(took, Math::max);
        largest.accumulateAndGet(bytes.length, Math::max);

        assertThat(took).as("read in under 2 s (%d bytes)", bytes.length).isLessThan(SLOW_NANOS);
        assertThat(fleet).isNotNull().isNotInstanceOf(DesiredFleet.Absent.class);
        if (fleet instanceof DesiredFleet.Present p) {
            present.incrementAndGet();
            for (DeckySpec decky : p.deckies()) {
                assertThat(Printable.of(decky.name())).isEqualTo(decky.name());
            }
        } else {
            unreadable.incrementAndGet();
            String reason = ((DesiredFleet.Unreadable) fleet).reason();
            assertThat(reason).doesNotContain("\n", "\r", "\u0000", "\u202e", "\u2028");
        }
    }

    private static DesiredFleet read(byte[] bytes) {
        return file.read(bytes);
    }


    private static final List<String> BASES = List.of(
            "{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\", \"subnet\": \"10.0.0.0/24\", \"gateway\": "
                    + "\"10.0.0.1\", \"deckies\": [{\"name\": \"web-01\", \"ip\": \"10.0.0.5\", \"services\": [\"ssh\", "
                    + "\"http\"], \"service_config\": {\"ssh\": {\"port\": 22}}, \"last_mutated\": 0.0, "
                    + "\"mutate_interval\": NaN, \"host_uuid\": null}, {\"name\": \"db-02\", \"ip\": \"10.0.0.6\", "
                    + "\"services\": [\"mysql\"]}], \"log_file\": null, \"ipvlan\": false}, \"compose_path\": \"x\"}",
            "{\"config\": {\"deckies\": []}}",
            "{\"config\": {\"deckies\": [{\"name\": \"a\", \"ip\": \"10.0.0.2\", \"services\": [\"ssh\"], "
                    + "\"last_login_attempt\": Infinity}]}}");
    private static final List<String> TOKENS = List.of("NaN", "Infinity", "-Infinity", "1e99999", "-0", "null",
            "true", "\"\\u0000\"", "\"\\ud800\"", "\\", "\"", "{", "}", "[", "]", ",", ":", "\u202e", "\u2028",
            "\"name\": \"dup\", \"name\": \"dup2\"", "\n", "\u0000", "\"evil\\nline\"", "\u00e9", "0x10", "01");

    @Provide
    Arbitrary<byte[]> documents() {
        Arbitrary<String> base = Arbitraries.of(BASES);
        Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(base, edits, Arbitraries.randomValue(r -> r))
                .as((doc, kinds, random) -> {
                    String text = doc;
                    byte[] bytes = null;
                    for (int kind : kinds) {
                        int at = random.nextInt(text.length() + 1);
                        switch (kind) {
                            case 0 -> text = text.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size()))
                                    + text.substring(at);
                            case 1 -> text = text.substring(0, at) + text.substring(Math.min(text.length(),
                                    at + random.nextInt(20)));
                            case 2 -> text = text.substring(0, at);
                            case 3 -> text = text.substring(0, at) + "[".repeat(1 + random.nextInt(5_000))
                                    + text.substring(at);
                            case 4 -> text = text.substring(0, at) + "\"" + "x".repeat(random.nextInt(200_000))
                                    + "\"" + text.substring(at);
                            case 5 -> text = text.replace("\"services\": [", "\"services\": ["
                                    + "\"ssh\", ".repeat(random.nextInt(20_000)));
                            case 6 -> text = "\ufeff" + text;
                            case 7 -> {
                                int from = random.nextInt(text.length() + 1);
                                int to = Math.min(text.length(), from + random.nextInt(40));
                                text = text.substring(0, at) + text.substring(from, to) + text.substring(at);
                            }
                            default -> bytes = mangled(text, random);
                        }
                    }
                    if (bytes != null) {
                        return bytes;
                    }
                    Charset charset = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_8, StandardCharsets.UTF_16,
                            Charset.forName("UTF-32")).get(random.nextInt(4));
                    return text.getBytes(charset);
                });
    }

    /** Bytes the encoder would never write: flipped bits, stray continuation bytes, overlong forms. */
    private static byte[] mangled(String text, java.util.Random random) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 8);
        int at = random.nextInt(utf8.length + 1);
        out.write(utf8, 0, at);
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
            (byte) 0x80}, {(byte) (utf8.length > 0 ? utf8[Math.max(0, at - 1)] ^ 0x40 : 0x41)}};
        byte[] chosen = bad[random.nextInt(bad.length)];
        out.write(chosen, 0, chosen.length);
        out.write(utf8, at, utf8.length - at);
        return out.toByteArray();
    }
}
