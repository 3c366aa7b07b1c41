package io.decnet.reconciler.core.statefile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The state file's bytes as they are read: counted against the size cap, and hashed (CRC-32C and CRC-32, 64 bits
 * together, both computed by the CPU's own instructions: reading and hashing a file costs a small fraction of
 * parsing it, see docs/benchmarks.md). The hash only has to tell one version of the file from the next, not resist
 * an attacker: whoever can write the state file decides the fleet anyway.
 *
 * <p>Not thread-safe: one reader.
 */
final class ContentStream extends FilterInputStream {
    private final long maxBytes;
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private long count;
    private boolean ended;

    ContentStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1; // the parser may close the file once it has read its end
        }
        int n = in.read(b, off, len);
        ended = n < 0;
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new RefusedFile("grew past the size cap of " + maxBytes + " bytes while being read; not parsed");
            }
            crc32c.update(b, off, n);
            crc32.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, so that {@link #hash()} covers the whole file. */
    ContentStream drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashed by read
        }
        return this;
    }

    /** The hash of the bytes read so far. */
    long hash() {
        return crc32c.getValue() << 32 | crc32.getValue();
    }
}
