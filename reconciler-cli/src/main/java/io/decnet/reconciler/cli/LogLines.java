package io.decnet.reconciler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each line on standard error is written: as slf4j-simple and the command print it ({@code text}); with the
 * journal's level prefix instead of a timestamp under systemd ({@code JOURNAL_STREAM} set: the journal stamps
 * lines itself and reads {@code <3>}..{@code <7>} as levels); or as one JSON object per line ({@code json}:
 * {@code {"ts", "level", "message"}}). Stateless.
 */
final class LogLines {
    /** slf4j-simple's line: an optional timestamp (long-lived text mode), the level, the message. */
    private static final Pattern LOG = Pattern.compile("^(?:(\\S+T\\S+) )?(TRACE|DEBUG|INFO|WARN|ERROR) (.*)$",
            Pattern.DOTALL);
    /** The command's own problem lines. */
    private static final Pattern PROBLEM = Pattern.compile("^(error|warning): (.*)$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The output format of {@code --log-format}. */
    enum Format {
        text, json
    }

    private LogLines() {
    }

    /** Whether systemd connected standard error to the journal (it sets {@code JOURNAL_STREAM} for that). */
    static boolean underJournal(Map<String, String> env) {
        String stream = env.get("JOURNAL_STREAM");
        return stream != null && !stream.isBlank();
    }

    /** The transform of each line (its line end included) for {@code format}. */
    static UnaryOperator<String> transform(Format format, boolean journal) {
        if (format == Format.json) {
            return LogLines::json;
        }
        return journal ? LogLines::journal : UnaryOperator.identity();
    }

    private static String journal(String line) {
        String body = stripEnd(line);
        Matcher log = LOG.matcher(body);
        if (log.matches()) {
            return "<" + priority(log.group(2)) + ">" + log.group(3) + "\n";
        }
        Matcher problem = PROBLEM.matcher(body);
        if (problem.matches()) {
            return "<" + (problem.group(1).equals("error") ? 3 : 4) + ">" + body + "\n";
        }
        return line;
    }

    private static String json(String line) {
        String body = stripEnd(line);
        ObjectNode n = JSON.createObjectNode();
        Matcher log = LOG.matcher(body);
        Matcher problem = PROBLEM.matcher(body);
        if (log.matches()) {
            if (log.group(1) != null) {
                n.put("ts", log.group(1));
            }
            n.put("level", log.group(2).toLowerCase(java.util.Locale.ROOT));
            n.put("message", log.group(3));
        } else if (problem.matches()) {
            n.put("level", problem.group(1).equals("error") ? "error" : "warn");
            n.put("message", problem.group(2));
        } else {
            n.put("level", "info");
            n.put("message", body);
        }
        return io.decnet.reconciler.api.Printable.json(n.toString()) + "\n";
    }

    private static int priority(String level) {
        return switch (level) {
            case "ERROR" -> 3;
            case "WARN" -> 4;
            case "INFO" -> 6;
            default -> 7;
        };
    }

    private static String stripEnd(String line) {
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
