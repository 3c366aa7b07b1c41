package io.decnet.reconciler.core.worker;

import java.time.Duration;

/** Durations as the worker's log lines write them: {@code 850 ms}, {@code 1.5 s}, {@code 3 min 20 s}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 120) {
            long tenths = d.toMillis() / 100;
            return tenths % 10 == 0 ? (tenths / 10) + " s" : (tenths / 10) + "." + (tenths % 10) + " s";
        }
        return d.toMinutes() + " min" + (d.toSecondsPart() != 0 ? " " + d.toSecondsPart() + " s" : "");
    }
}
