package io.decnet.reconciler.jdbi.internal;

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
 * fractional digits or none, a zone suffix. {@link #parse} accepts those and {@link #normalizedSql} turns a column
 * into the canonical text <em>in SQL</em>, by the same rules, so that a conditional write compares the stored text
 * with the canonical text of the value read back: {@code 2026-01-01 10:00:00} read as 10:00:00.000000 still
 * matches. A zone suffix is ignored (the wall-clock time is taken as UTC), as SQLAlchemy itself does.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteTimestamps {
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern TEXT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d*))?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?");

    private SqliteTimestamps() {
    }

    /** The canonical text of {@code instant}, truncated to microseconds. */
    public static String format(Instant instant) {
        return CANONICAL.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** The instant {@code text} denotes (to the microsecond), or empty when it is not a timestamp. */
    public static Optional<Instant> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(3) == null ? "" : m.group(3);
        String micros = (digits + "000000").substring(0, 6);
        try {
            return Optional.of(LocalDateTime.parse(m.group(1) + "T" + m.group(2) + "." + micros)
                    .toInstant(ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An SQL expression giving the canonical text of {@code column}'s value, by the rules of {@link #parse}: the
     * first 19 characters with {@code T} made a space, then a dot and the leading digits of the fraction padded or
     * cut to six.
     */
    public static String normalizedSql(String column) {
        String fraction = "substr(" + column + ", 21)";
        String digits = "substr(" + fraction + ", 1, length(" + fraction + ") - length(ltrim(" + fraction
                + ", '0123456789')))";
        return "(replace(substr(" + column + ", 1, 19), 'T', ' ') || '.' || substr(CASE WHEN substr(" + column
                + ", 20, 1) = '.' THEN " + digits + " ELSE '' END || '000000', 1, 6))";
    }
}
