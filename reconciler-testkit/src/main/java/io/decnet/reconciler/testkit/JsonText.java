package io.decnet.reconciler.testkit;

import java.util.Collection;
import java.util.Map;

/**
 * Minimal JSON text writing and checking for the builders; the testkit deliberately has no JSON library.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code value} as a JSON string literal, quotes included. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code value} as JSON: {@code null}, a {@link String}, {@link Boolean}, {@link Number}, {@link Collection}
     * or {@link Map} with string keys, nested freely.
     *
     * @throws IllegalArgumentException for any other type, a non-finite number or a non-string map key
     */
    static String value(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(string(s));
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for the number " + d);
            }
            out.append(d);
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            String sep = "";
            for (Object item : items) {
                out.append(sep);
                append(out, item);
                sep = ",";
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                out.append(sep).append(string(key)).append(':');
                append(out, e.getValue());
                sep = ",";
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON; use null, String, Boolean, Number, a Collection or a Map with String keys");
        }
    }

    /**
     * Checks that {@code text} is exactly one JSON value (surrounding whitespace allowed).
     *
     * @return {@code null} when it is, otherwise what is wrong and where
     */
    static String problem(String text) {
        Checker checker = new Checker(text);
        try {
            checker.value();
            checker.space();
            if (checker.pos != text.length()) {
                return checker.error("end of text");
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Recursive-descent recogniser for RFC 8259 JSON; throws IllegalStateException on the first error. */
    private static final class Checker {
        private final String text;
        private int pos;

        Checker(String text) {
            this.text = text;
        }

        String error(String expected) {
            String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of text";
            return "expected " + expected + " at offset " + pos + " but found " + found;
        }

        private IllegalStateException fail(String expected) {
            return new IllegalStateException(error(expected));
        }

        void space() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        void value() {
            space();
            if (pos >= text.length()) {
                throw fail("a JSON value");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw fail("a JSON value");
                    }
                }
            }
        }

        private void object() {
            pos++;
            space();
            if (peek('}')) {
                pos++;
                return;
            }
            while (true) {
                space();
                if (!peek('"')) {
                    throw fail("a string key");
                }
                string();
                space();
                expect(':');
                value();
                space();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return;
                }
            }
        }

        private void array() {
            pos++;
            space();
            if (peek(']')) {
                pos++;
                return;
            }
            while (true) {
                value();
                space();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return;
                }
            }
        }

        private void string() {
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return;
                }
                if (c < 0x20) {
                    pos--;
                    throw fail("an escaped control character");
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        throw fail("an escape");
                    }
                    char e = text.charAt(pos++);
                    if (e == 'u') {
                        for (int i = 0; i < 4; i++) {
                            if (pos >= text.length() || Character.digit(text.charAt(pos), 16) < 0) {
                                throw fail("a hex digit");
                            }
                            pos++;
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        pos--;
                        throw fail("a valid escape");
                    }
                }
            }
            throw fail("a closing quote");
        }

        private void number() {
            if (peek('-')) {
                pos++;
            }
            if (peek('0')) {
                pos++;
            } else {
                digits();
            }
            if (peek('.')) {
                pos++;
                digits();
            }
            if (peek('e') || peek('E')) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                digits();
            }
        }

        private void digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw fail("a digit");
            }
        }

        private void literal(String word) {
            if (!text.startsWith(word, pos)) {
                throw fail("'" + word + "'");
            }
            pos += word.length();
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw fail("'" + c + "'");
            }
            pos++;
        }
    }
}
