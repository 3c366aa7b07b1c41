package io.decnet.reconciler.core.statefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.StateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
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
 * <pre>{@code
 * StateSource state = StateFileSource.builder(Path.of("/var/lib/decnet/decnet-state.json"))
 *         .maxBytes(4 * 1024 * 1024)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StateFileSource implements StateSource {

    /** The default size cap: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** The largest cap accepted: 1 GiB (a file is read into memory whole). */
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

    private final Path path;
    private final long maxBytes;
    private final Duration absentSettle;
    private final Sleeper sleeper;

    private StateFileSource(Path path, long maxBytes, Duration absentSettle, Sleeper sleeper) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.absentSettle = absentSettle;
        this.sleeper = sleeper;
    }

    /** A reader of {@code path} with the default 16 MiB cap. */
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
        byte[] bytes;
        try {
            bytes = readCapped();
        } catch (NoSuchFileException e) {
            return absentOrMisplaced();
        } catch (AccessDeniedException e) {
            return unreadable("permission denied");
        } catch (Refused e) {
            return unreadable(e.getMessage());
        } catch (IOException | SecurityException e) {
            return unreadable("cannot be read: " + Printable.of(describe(e)));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            return unreadable("not valid JSON (truncated or corrupt?): " + Printable.of(describe(e)));
        } catch (IOException e) {
            return unreadable("cannot be parsed: " + Printable.of(describe(e)));
        }
        try {
            return DesiredFleet.present(StateFileSchema.deckies(root, MAPPER));
        } catch (StateFileSchema.Invalid e) {
            return unreadable(e.getMessage());
        }
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

    private byte[] readCapped() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            // A FIFO would block the pass until someone writes to it; a device may never end.
            throw new Refused("cannot be read: not a regular file (a directory, FIFO or device)");
        }
        long size = attributes.size();
        if (size > maxBytes) {
            throw new Refused("is " + size + " bytes, over the size cap of " + maxBytes + " bytes; not parsed");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new Refused("grew past the size cap of " + maxBytes + " bytes while being read; not parsed");
            }
            return bytes;
        }
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

    @Override
    public String toString() {
        return "StateFileSource[" + path + ", maxBytes=" + maxBytes + ", absentSettle=" + absentSettle + "]";
    }

    /** Waits; {@link #SYSTEM} is {@link Thread#sleep}, tests pass their own. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** A file the reader will not read: too big, or not a regular file. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
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
            return new StateFileSource(Objects.requireNonNull(path), maxBytes, absentSettle, sleeper);
        }
    }
}
