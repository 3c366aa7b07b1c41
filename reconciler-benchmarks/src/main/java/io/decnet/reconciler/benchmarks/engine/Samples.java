package io.decnet.reconciler.benchmarks.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements of one thing, in nanoseconds: median, min, max and a nearest-rank percentile.
 *
 * <p>Not thread-safe.
 */
final class Samples {
    private long[] nanos = new long[16];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    int size() {
        return size;
    }

    /** The nearest-rank {@code p}-th percentile (0 &lt; p &le; 100), in nanoseconds. */
    long percentile(double p) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }

    long median() {
        return percentile(50);
    }

    long min() {
        return percentile(Double.MIN_VALUE);
    }

    long max() {
        return percentile(100);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** {@code median (min–max)} in milliseconds. */
    String summary() {
        return ms(median()) + " (" + ms(min()) + "–" + ms(max()) + ")";
    }
}
