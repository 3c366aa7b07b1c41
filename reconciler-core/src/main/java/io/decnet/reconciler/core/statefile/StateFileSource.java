package io.decnet.reconciler.core.statefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.StateSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Reads DECNET's {@code decnet-state.json} (SPEC §2.1) into a {@link DesiredFleet}.
 *
 * <ul>
 *   <li>no file, and still none after a short settle time ({@link Builder#absentSettle}, default 1 s):
 *       {@link DesiredFleet.Absent}, an empty fleet (DECNET's full teardown removes the file). A file missing only
 *       for a moment (an editor that renames the old file away and writes a new one, a delete then re-create) is
 *       read as it is after the settle time, so it never empties the fleet;</li>
 *   <li>no file and no directory: {@link DesiredFleet.Unreadable} (a wrong path, not a teardown);</li>
 *   <li>a file that is bigger than the cap (checked before reading), unreadable, not JSON, truncated, or breaks
 *       the schema: {@link DesiredFleet.Unreadable}, with a reason naming the decky and field where there is one,
 *       so that a half-written file can never empty the fleet;</li>
 *   <li>otherwise {@link DesiredFleet.Present}, each decky's whole object kept as its {@code configJson}.</li>
 * </ul>
 * {@link #read()} never throws.
 *
 * <p><b>Cost.</b> The document is streamed, one decky's tree at a time, so a read holds the fleet it builds and
 * not the file's text or a tree of all of it. A file that has not changed since the last successful read is not
 * parsed again: when its device and inode (or file key), size, modification and change times are those of that
 * read and a hash of its bytes (read again, which costs a small fraction of parsing them) is too, the fleet of that
 * read is returned as it is ({@link DesiredFleet.Present} is immutable, so passes may share it). The hash is what
 * catches a same-size rewrite within one tick of the file system's clock. A fleet is kept only when the file's
 * stamp was the same after the read as before it (a file rewritten while it was read is parsed again next time);
 * the source holds that one fleet, and drops it when the file is absent. {@link Builder#reuseUnchanged(boolean)}
 * turns this off.
 *
 * <pre>{@code
 * StateSource state = StateFileSource.builder(Path.of("/var/lib/decnet/decnet-state.json"))
 *         .maxBytes(4 * 1024 * 1024)
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe: its settings are immutable, and the one fleet it keeps is swapped atomically. Passes that read
 * at once each check the file; each gets a fleet as read from the file, and the last parse to finish is kept.
 */
public final class StateFileSource implements StateSource {

    /**
     * The default size cap: 64 MiB. The reader streams the file, so what a read holds is the fleet (about the size
     * of the deckies' compact JSON), not the file's text; the cap bounds that. DECNET writes about 550 bytes per
     * decky with services and config (see SPEC §2.1, indented), so 64 MiB holds about 120,000 such deckies, and a
     * 100,000-decky fleet fits with room to spare.
     */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** The size of a decky as DECNET writes it, with services and config, indented: for messages. */
    static final long TYPICAL_DECKY_BYTES = 550;

    /** The largest cap accepted: 1 GiB (the fleet such a file holds must fit in memory). */
    public static final long MAX_MAX_BYTES = 1024L * 1024 * 1024;

    /**
     * The default time a missing file must stay missing to be an absent fleet: 1 s. An editor's save or a
     * delete-then-recreate leaves a gap of milliseconds; a teardown leaves the file gone for good, so waiting a
     * second only delays the deletes of a real teardown by that second.
     */
    public static final Duration DEFAULT_ABSENT_SETTLE = Duration.ofSeconds(1);

    /** The longest settle time accepted: 1 minute (a pass waits that long). */
    public static final Duration MAX_ABSENT_SETTLE = Duration.ofMinutes(1);

    // Built once and never reconfigured, so shared reads are thread-safe. Python's json module writes NaN and
    // Infinity for such floats, so they are accepted and written back bare; floats are kept as decimals so that
    // configJson carries the file's numbers as written (0.0 stays 0.0). Duplicate keys make a file ambiguous.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    // One decky at a time from a parser in the middle of the document: the end is checked once, at the end.
    private static final ObjectReader NODES =
            MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path path;
    private final long maxBytes;
    private final Duration absentSettle;
    private final Sleeper sleeper;
    private final boolean reuseUnchanged;
    private final Stamper stamper;
    private final AtomicReference<LastRead> lastRead = new AtomicReference<>();

    private StateFileSource(Builder b) {
        this.path = b.path;
        this.maxBytes = b.maxBytes;
        this.absentSettle = b.absentSettle;
        this.sleeper = b.sleeper;
        this.reuseUnchanged = b.reuseUnchanged;
        this.stamper = b.stamper;
    }

    /** A reader of {@code path} with the default cap ({@link #DEFAULT_MAX_BYTES}). */
    public static StateFileSource of(Path path) {
        return builder(path).build();
    }

    /** A builder for a reader of {@code path}. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** The file this source reads. */
    public Path path() {
        return path;
    }

    /** The size cap in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** How long a missing file must stay missing to be an absent fleet. */
    public Duration absentSettle() {
        return absentSettle;
    }

    @Override
    public DesiredFleet read() {
        try {
            DesiredFleet fleet = readFile();
            if (!(fleet instanceof DesiredFleet.Absent) || absentSettle.isZero()) {
                return fleet;
            }
            sleeper.sleep(absentSettle);
            return readFile(); // what is there now: the file back, or still absent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreadable("missing, and the pass was interrupted before it could confirm that it stays missing");
        } catch (RuntimeException e) {
            // Every expected trouble is handled below; this keeps the promise never to throw for the rest.
            return unreadable("cannot be read: " + e);
        }
    }

    /** A cheap check, no settle time: nothing at the path (and the directory still there). */
    @Override
    public boolean isStillAbsent() {
        try {
            Path parent = path.toAbsolutePath().getParent();
            return Files.notExists(path, LinkOption.NOFOLLOW_LINKS) && (parent == null || Files.isDirectory(parent));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private DesiredFleet readFile() {
        try {
            FileStamp stamp = stamper.stamp(path);
            if (!stamp.regularFile()) {
                // A FIFO would block the pass until someone writes to it; a device may never end.
                return unreadable("cannot be read: not a regular file (a directory, FIFO or device)");
            }
            if (stamp.size() > maxBytes) {
                return unreadable(overCap(stamp.size()));
            }
            LastRead last = lastRead.get();
            if (last != null && last.stamp().sameAs(stamp) && last.hash() == hashOfFile()) {
                return last.fleet();
            }
            return parse(stamp);
        } catch (NoSuchFileException e) {
            lastRead.set(null);
            return absentOrMisplaced();
        } catch (AccessDeniedException e) {
            return unreadable("permission denied");
        } catch (RefusedFile e) {
            return unreadable(e.getMessage());
        } catch (IOException | SecurityException e) {
            return unreadable("cannot be read: " + Printable.of(describe(e)));
        }
    }

    /** Parses the file; the fleet is kept for the next read when the file did not change while it was read. */
    private DesiredFleet parse(FileStamp before) throws IOException {
        List<DeckySpec> deckies;
        long hash;
        try (ContentStream content = new ContentStream(Files.newInputStream(path), maxBytes);
                JsonParser parser = MAPPER.createParser(content)) {
            deckies = StateFileSchema.deckies(parser, NODES, MAPPER);
            hash = content.drain().hash();
        } catch (JacksonException e) {
            return unreadable("not valid JSON (truncated or corrupt?): " + Printable.of(describe(e)));
        } catch (StateFileSchema.Invalid e) {
            return unreadable(e.getMessage());
        }
        DesiredFleet.Present fleet = DesiredFleet.present(deckies);
        if (reuseUnchanged && before.sameAs(stamper.stamp(path))) {
            lastRead.set(new LastRead(before, hash, fleet));
        }
        return fleet;
    }

    /** The hash of the file's whole content now, read through the size cap. */
    private long hashOfFile() throws IOException {
        try (ContentStream content = new ContentStream(Files.newInputStream(path), maxBytes)) {
            return content.drain().hash();
        }
    }

    private String overCap(long size) {
        return "is " + size + " bytes, over the size cap of " + maxBytes + " bytes; not parsed (the cap bounds what "
                + "a pass may spend on the state file; the default, " + DEFAULT_MAX_BYTES + " bytes, holds about "
                + DEFAULT_MAX_BYTES / TYPICAL_DECKY_BYTES + " deckies as DECNET writes them; an embedder sets "
                + "another with StateFileSource.Builder.maxBytes)";
    }

    /**
     * No file: an empty fleet, unless its directory is missing too. DECNET's teardown removes the file, never the
     * directory, so a missing directory means a mistyped or unmounted path, which must not empty the fleet.
     */
    private DesiredFleet absentOrMisplaced() {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return unreadable("neither the file nor its directory " + Printable.of(parent.toString())
                    + " exists (a wrong path?)");
        }
        if (Files.isSymbolicLink(path)) {
            return unreadable("is a symbolic link to a file that does not exist");
        }
        return DesiredFleet.absent(Printable.of(path.toString()));
    }

    private static final Pattern REDACTED_SOURCE =
            Pattern.compile("\\[Source: REDACTED[^;]*; ");

    private DesiredFleet unreadable(String why) {
        return DesiredFleet.unreadable(Printable.of(path.toString()) + ": " + why);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson names the source inside its own message even when told not to include it: drop that part.
            String message = j.getOriginalMessage();
            if (message.startsWith("Trailing token")) {
                return "more content after the end of the JSON document" + where;
            }
            return REDACTED_SOURCE.matcher(message).replaceAll("[") + where;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    /** Reads a {@link FileStamp}; tests pass one that hides a change of the file's metadata. */
    @FunctionalInterface
    interface Stamper {
        FileStamp stamp(Path path) throws IOException;
    }

    /** The last fleet parsed, the stamp of its file before the read and the hash of the bytes parsed. */
    private record LastRead(FileStamp stamp, long hash, DesiredFleet.Present fleet) {
    }

    @Override
    public String toString() {
        return "StateFileSource[" + path + ", maxBytes=" + maxBytes + ", absentSettle=" + absentSettle
                + ", reuseUnchanged=" + reuseUnchanged + "]";
    }

    /** Waits; {@link #SYSTEM} is {@link Thread#sleep}, tests pass their own. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Builds a {@link StateFileSource}; setters record, {@link #build()} validates.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private final Path path;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private Duration absentSettle = DEFAULT_ABSENT_SETTLE;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private boolean reuseUnchanged = true;
        private Stamper stamper = FileStamp::of;

        private Builder(Path path) {
            this.path = path;
        }

        /** The size cap: a bigger file is unreadable, without being parsed. Between 1 and {@link #MAX_MAX_BYTES}. */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * How long a missing file must stay missing before it is an absent (empty) fleet; {@link Duration#ZERO}
         * takes a missing file as absent at once. Between zero and {@link #MAX_ABSENT_SETTLE}; default
         * {@link #DEFAULT_ABSENT_SETTLE}.
         */
        public Builder absentSettle(Duration absentSettle) {
            this.absentSettle = absentSettle;
            return this;
        }

        /**
         * Whether a file unchanged since the last read (same file, size, times and content hash) gives back the
         * fleet of that read instead of being parsed again. Default {@code true}; {@code false} parses on every
         * read and keeps nothing between reads.
         */
        public Builder reuseUnchanged(boolean reuseUnchanged) {
            this.reuseUnchanged = reuseUnchanged;
            return this;
        }

        /** What the file system says about the file; default {@link FileStamp#of}. For tests, package-private. */
        Builder stamper(Stamper stamper) {
            this.stamper = stamper;
            return this;
        }

        /** How the settle time is waited; default {@link Sleeper#SYSTEM}. For tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * The source.
         *
         * @throws IllegalArgumentException naming the field, the allowed range and the value given
         */
        public StateFileSource build() {
            if (path == null) {
                throw new IllegalArgumentException("path must be the state file's path, was null");
            }
            if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
                throw new IllegalArgumentException(
                        "maxBytes must be between 1 and " + MAX_MAX_BYTES + ", was " + maxBytes);
            }
            if (absentSettle == null || absentSettle.isNegative() || absentSettle.compareTo(MAX_ABSENT_SETTLE) > 0) {
                throw new IllegalArgumentException("absentSettle must be between 0 and " + MAX_ABSENT_SETTLE
                        + ", was " + absentSettle);
            }
            if (sleeper == null) {
                throw new IllegalArgumentException("sleeper must be a Sleeper (default Sleeper.SYSTEM), was null");
            }
            Objects.requireNonNull(stamper, "stamper");
            return new StateFileSource(this);
        }
    }
}
