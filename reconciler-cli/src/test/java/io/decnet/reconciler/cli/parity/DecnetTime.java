package io.decnet.reconciler.cli.parity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timestamps the way DECNET's ORM stores them on SQLite (UTC text, no zone), and how it reads them back. */
final class DecnetTime {
    /** What DECNET writes: {@code YYYY-MM-DD HH:MM:SS.ffffff}. */
    static final Pattern WRITTEN = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
    private static final Pattern READABLE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,6})?");
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** The spellings a row's timestamp can have; only {@link #GARBAGE} is unreadable. */
    enum Spelling {
        DECNET, WITH_T, NO_FRACTION, GARBAGE
    }

    private DecnetTime() {
    }

    static String format(Instant t, Spelling spelling) {
        String decnet = SQLITE.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        return switch (spelling) {
            case DECNET -> decnet;
            case WITH_T -> decnet.replace(' ', 'T');
            case NO_FRACTION -> decnet.substring(0, 19);
            case GARBAGE -> "not a time";
        };
    }

    /** The instant a row's text names, or empty when it names none. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = READABLE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
            if (m.group(3) != null) {
                String frac = (m.group(3).substring(1) + "000000").substring(0, 6);
                t = t.plusNanos(Long.parseLong(frac) * 1000);
            }
            return Optional.of(t.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean isWithin(String text, Duration grace, Instant now) {
        return parse(text).map(t -> Duration.between(t, now).compareTo(grace) < 0).orElse(false);
    }
}
