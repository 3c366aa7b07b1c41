package io.decnet.reconciler.api;

/**
 * Text from input (a decky name, a stored state, a value from a database row) made safe to put in a line of
 * output: control characters (newlines included), Unicode format characters (bidirectional overrides, zero-width
 * joiners) and backslashes are written as escapes, so that a value can neither start a new line nor reorder what
 * a terminal shows. Printable text, including any non-ASCII letter, is kept as it is. Stateless, thread-safe.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with unsafe characters escaped ({@code \n}, {@code \t}, {@code \\}, {@code \u202e}...). */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        if (isSafe(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> append(out, c));
        return out.toString();
    }

    /** {@code text} in double quotes, escaped as {@link #of} does and with its own double quotes escaped. */
    public static String quoted(String text) {
        return '"' + of(text).replace("\"", "\\\"") + '"';
    }

    /**
     * {@code json} (a serialized JSON document) with the characters a JSON writer may leave raw but a terminal acts
     * on (bidirectional overrides and other format characters, U+2028/U+2029, any control character) written as
     * {@code \\uXXXX} escapes: the same document to a parser, one that cannot reorder or break what a terminal
     * shows. Such characters can only occur inside strings, where the escape means the same character.
     */
    public static String json(String json) {
        if (json == null || json.codePoints().noneMatch(Printable::needsEscape)) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (needsEscape(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSafe(String text) {
        return text.codePoints().noneMatch(c -> c == '\\' || needsEscape(c));
    }

    private static boolean needsEscape(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || c == '\u2028' || c == '\u2029';
    }

    private static void append(StringBuilder out, int c) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (needsEscape(c)) {
                    out.append(c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }
}
