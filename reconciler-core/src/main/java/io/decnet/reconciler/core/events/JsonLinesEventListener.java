package io.decnet.reconciler.core.events;

import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetEventListener;
import io.decnet.reconciler.api.ReconcilerException;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link FleetEventListener} that writes each committed transition as one line of JSON in the shape of
 * DECNET's bus message ({@link BusMessage}), flushed at once, so that a host can tail the lines and forward them
 * to its bus ({@code topic} is the bus topic, {@code payload} the message).
 *
 * <pre>{@code
 * try (JsonLinesEventListener events = JsonLinesEventListener.appendingTo(Path.of("/var/log/decnet/fleet.jsonl"))) {
 *     Reconciler reconciler = Reconciler.builder().listener(events).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>A write that fails throws {@link ReconcilerException}; the reconciler logs and ignores a throwing listener,
 * so a full disk never breaks a pass. {@link #close()} closes the underlying stream only if this listener opened
 * it.
 *
 * <p>Thread-safe: lines from concurrent calls never interleave.
 */
public final class JsonLinesEventListener implements FleetEventListener, Closeable {
    private final Writer out;
    private final boolean owned;
    private final String where;

    private JsonLinesEventListener(Writer out, boolean owned, String where) {
        this.out = out;
        this.owned = owned;
        this.where = where;
    }

    /** Appends lines to {@code file}, creating it if absent; {@link #close()} closes it. */
    public static JsonLinesEventListener appendingTo(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new JsonLinesEventListener(w, true, file.toString());
        } catch (IOException e) {
            throw new ReconcilerException("cannot open the events file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes lines (UTF-8) to {@code stream}, e.g. {@code System.out}; {@link #close()} leaves it open. */
    public static JsonLinesEventListener writingTo(OutputStream stream) {
        Objects.requireNonNull(stream, "stream");
        return new JsonLinesEventListener(
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), false, "a stream");
    }

    /** Writes lines to {@code writer}; {@link #close()} leaves it open. */
    public static JsonLinesEventListener writingTo(Writer writer) {
        return new JsonLinesEventListener(Objects.requireNonNull(writer, "writer"), false, "a writer");
    }

    @Override
    public void onEvent(FleetEvent event) {
        String line = BusMessage.jsonLine(event);
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new ReconcilerException("cannot write the event for decky '" + event.name() + "' to "
                        + where + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            if (owned) {
                out.close();
            } else {
                out.flush();
            }
        }
    }
}
