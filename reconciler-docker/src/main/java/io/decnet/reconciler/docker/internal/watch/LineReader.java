package io.decnet.reconciler.docker.internal.watch;

import io.decnet.reconciler.docker.internal.MalformedReplyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the event stream's lines (one JSON object each), refusing a line longer than a cap so that a daemon (or
 * something posing as one) cannot make the reader buffer without end.
 *
 * <p>Not thread-safe: the stream thread owns it.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its {@code \n} (a {@code \r} before it is dropped too), or null at the end of the
     * stream; a last line without {@code \n} is dropped, as an event cut off in the middle.
     *
     * @throws MalformedReplyException a line is longer than the cap
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            int soFar = line == null ? 0 : line.size();
            if (soFar + length > maxLineBytes) {
                throw new MalformedReplyException("an event is longer than " + maxLineBytes + " bytes");
            }
            if (position < limit) {
                position++; // the '\n'
                if (line == null) {
                    return decode(buffer, start, length);
                }
                line.write(buffer, start, length);
                return decode(line.toByteArray(), 0, line.size());
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(64, length * 2));
            }
            line.write(buffer, start, length);
        }
    }

    private static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\r') {
            end--;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
