package io.decnet.reconciler.jdbi.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DECNET's SQLite timestamps: text {@code YYYY-MM-DD HH:MM:SS.ffffff}, UTC, no zone (what SQLAlchemy writes).
 *
 * <p>Text written by hand or by another tool may differ: a {@code T} instead of the space, fewer or more
 * fractional digits or none, a zone suffix or anything else after the seconds. {@link #parse} accepts those and
 * {@link #comparableSql} turns a column into the canonical text <em>in SQL</em>, by the same rules, so that a
 * conditional write compares the stored text with the canonical text of the value read back:
 * {@code 2026-01-01 10:00:00} read as 10:00:00.000000 still matches. What follows the seconds and their fraction
 * (a zone suffix, say) is ignored: the wall-clock time is taken as UTC, as SQLAlchemy itself does. Text that is no
 * timestamp at all is NULL in SQL and empty in Java, in both by the same rules, so that a row whose
 * {@code updated_at} is garbage can still be written conditionally ("is still unreadable").
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteTimestamps {
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern TEXT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d*))?.*", Pattern.DOTALL);
    /** The shape {@link #TEXT} requires, as an SQLite GLOB (which, like the pattern, only looks at ASCII digits). */
    private static final String GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'";

    private SqliteTimestamps() {
    }

    /** The canonical text of {@code instant}, truncated to microseconds. */
    public static String format(Instant instant) {
        return CANONICAL.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** The instant {@code text} denotes (to the microsecond), or empty when it is not a timestamp. */
    public static Optional<Instant> parse(String text) {
        if (isCanonical(text)) {
            // What DECNET and this store write, checked without the pattern: this runs twice for every row read.
            return of(text, 6);
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return of(text, m.group(3) == null ? 0 : Math.min(m.group(3).length(), 6));
    }

    /** Exactly {@code YYYY-MM-DD HH:MM:SS.ffffff} in ASCII digits. */
    private static boolean isCanonical(String text) {
        if (text.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == ' ';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The fields by position (the shape is checked), with {@code digits} digits of fraction from position 20. */
    private static Optional<Instant> of(String text, int digits) {
        int nanos = 0;
        for (int i = 0; i < 6; i++) {
            nanos = nanos * 10 + (i < digits ? text.charAt(20 + i) - '0' : 0);
        }
        try {
            LocalDateTime time = LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), nanos * 1_000);
            return Optional.of(time.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    /**
     * An SQL expression giving the canonical text of {@code column}'s value when {@link #parse} reads it, and NULL
     * when it does not (NULL, or text that is no timestamp: a wrong shape, or a date or time that does not exist,
     * which SQLite's {@code datetime()} would move to another day).
     */
    public static String comparableSql(String column) {
        String wallClock = "replace(substr(" + column + ", 1, 19), 'T', ' ')";
        return "(CASE WHEN " + column + " GLOB " + GLOB + " AND datetime(" + wallClock + ") = " + wallClock
                + " THEN " + normalizedSql(column) + " END)";
    }

    /**
     * An SQL expression giving the canonical text of {@code column}'s value, by the rules of {@link #parse}: the
     * first 19 characters with {@code T} made a space, then a dot and the leading digits of the fraction padded or
     * cut to six.
     */
    static String normalizedSql(String column) {
        String fraction = "substr(" + column + ", 21)";
        String digits = "substr(" + fraction + ", 1, length(" + fraction + ") - length(ltrim(" + fraction
                + ", '0123456789')))";
        return "(replace(substr(" + column + ", 1, 19), 'T', ' ') || '.' || substr(CASE WHEN substr(" + column
                + ", 20, 1) = '.' THEN " + digits + " ELSE '' END || '000000', 1, 6))";
    }
}
