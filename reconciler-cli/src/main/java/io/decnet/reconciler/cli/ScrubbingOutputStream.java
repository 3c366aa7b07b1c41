package io.decnet.reconciler.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Standard error of the command, scrubbed of the database passwords line by line: loggers and vendor stack traces
 * (with {@code --verbose}) write there, and a driver may quote a password bare ("Incorrect port value :
 * hunter2@db"). Thread-safe (synchronized).
 */
final class ScrubbingOutputStream extends OutputStream {
    private final OutputStream target;
    private final String secretsFrom;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private volatile UnaryOperator<String> format = UnaryOperator.identity();

    /** @param secretsFrom text holding the JDBC URLs whose passwords must not appear (flags, environment) */
    ScrubbingOutputStream(OutputStream target, String secretsFrom) {
        this.target = target;
        this.secretsFrom = secretsFrom;
    }

    /** Writes each (scrubbed) line through {@code format}, e.g. {@link LogLines#transform}; from now on. */
    void format(UnaryOperator<String> format) {
        this.format = format;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            drain();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        drain();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void drain() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(format.apply(Redaction.scrub(text, secretsFrom)).getBytes(StandardCharsets.UTF_8));
    }
}
