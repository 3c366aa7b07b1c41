package io.decnet.reconciler.docker.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.docker.internal.MalformedReplyException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void linesSplitAcrossReadsAndCrLfEndingsComeBackWhole() throws Exception {
        String long1 = "x".repeat(40_000);
        LineReader lines = new LineReader(trickle("{\"a\":1}\r\n" + long1 + "\n\nlast-without-newline"), 100_000);

        assertThat(lines.readLine()).isEqualTo("{\"a\":1}");
        assertThat(lines.readLine()).isEqualTo(long1);
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).as("a line cut off by the end of the stream").isNull();
    }

    @Test
    void aLineLongerThanTheCapIsRefused() {
        LineReader lines = new LineReader(trickle("y".repeat(5000) + "\n"), 4096);

        assertThatThrownBy(lines::readLine).isInstanceOf(MalformedReplyException.class)
                .hasMessage("an event is longer than 4096 bytes");
    }

    /** A stream that hands out at most 1,000 bytes per read, as a socket might. */
    private static InputStream trickle(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
    }
}
