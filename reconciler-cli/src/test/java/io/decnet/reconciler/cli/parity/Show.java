package io.decnet.reconciler.cli.parity;

/** Values quoted for the report, so that blank and NULL read differently. */
final class Show {
    private Show() {
    }

    static String text(String s) {
        return s == null ? "NULL" : "'" + s.replace("\n", "\\n") + "'";
    }
}
