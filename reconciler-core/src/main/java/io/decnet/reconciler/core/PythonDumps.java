package io.decnet.reconciler.core;

/**
 * Tells, without parsing into a tree or allocating, whether a text is exactly what Python's {@code json.dumps}
 * writes by default (separators {@code ", "} and {@code ": "}, {@code ensure_ascii=True}) for the JSON value of
 * another text; that is how DECNET's deployer writes {@code decky_config} (SPEC §2.1: the decky object as in the
 * state file, same key order).
 *
 * <p>The value's text is walked once and each of its tokens is rendered the Python way and compared with the other
 * text as it goes: separators get their space, each string character is escaped as Python escapes it (short forms
 * for {@code \" \\ \b \f \n \r \t}, {@code \}{@code u} with lowercase hex for every other character outside
 * {@code ' '..'~'}), numbers and literals are copied as written. So a match is always the same JSON value (the
 * rendering only changes spacing and escapes). A miss says nothing: the caller compares values. To stay on the safe
 * side of the value comparison's own parser, anything unusual is a miss rather than a match: a {@code json} that is
 * not one well-formed JSON value without spaces, a string holding half a surrogate pair, {@code NaN} and {@code Infinity} (the value comparison rejects
 * them), numbers over {@value #MAX_NUMBER} characters, nesting deeper than {@value #MAX_DEPTH}, a {@code json} over
 * {@value #MAX_LENGTH} characters (all well within Jackson's default read constraints, so that a match is never a
 * text the value comparison would refuse to parse).
 *
 * <p>Stateless and thread-safe (each call walks with its own cursor).
 */
final class PythonDumps {

    static final int MAX_NUMBER = 100;
    static final int MAX_DEPTH = 200;
    static final int MAX_LENGTH = 50_000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String json;
    private final String text;
    private int at;
    private int out;

    private PythonDumps(String json, String text) {
        this.json = json;
        this.text = text;
    }

    /**
     * Whether {@code text} is exactly {@code json.dumps(v)} of the value {@code v} that {@code json} holds; false
     * also whenever that cannot be told cheaply (see the class comment).
     */
    static boolean isDumpsOf(String json, String text) {
        if (json.length() > MAX_LENGTH) {
            return false;
        }
        PythonDumps walk = new PythonDumps(json, text);
        return walk.value(0) && walk.at == json.length() && walk.out == text.length();
    }

    private boolean value(int depth) {
        if (at >= json.length() || depth > MAX_DEPTH) {
            return false;
        }
        char c = json.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int depth) {
        at++;
        if (!emit('{')) {
            return false;
        }
        if (peek('}')) {
            at++;
            return emit('}');
        }
        while (true) {
            if (!peek('"') || !string() || !separator(':') || !value(depth)) {
                return false;
            }
            if (peek('}')) {
                at++;
                return emit('}');
            }
            if (!separator(',')) {
                return false;
            }
        }
    }

    private boolean array(int depth) {
        at++;
        if (!emit('[')) {
            return false;
        }
        if (peek(']')) {
            at++;
            return emit(']');
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            if (peek(']')) {
                at++;
                return emit(']');
            }
            if (!separator(',')) {
                return false;
            }
        }
    }

    /** {@code ,} or {@code :} in {@code json}; Python writes it followed by a space. */
    private boolean separator(char c) {
        if (!peek(c)) {
            return false;
        }
        at++;
        return emit(c) && emit(' ');
    }

    private boolean string() {
        at++;
        if (!emit('"')) {
            return false;
        }
        boolean highSurrogate = false;
        while (at < json.length()) {
            char c = json.charAt(at++);
            if (c == '"') {
                return !highSurrogate && emit('"');
            }
            if (c < 0x20) {
                return false; // not JSON: control characters must be escaped
            }
            if (c == '\\') {
                int decoded = escape();
                if (decoded < 0) {
                    return false;
                }
                c = (char) decoded;
            }
            if (highSurrogate != Character.isLowSurrogate(c)) {
                return false; // a broken surrogate pair: Jackson refuses to parse one, so it is no match here
            }
            highSurrogate = Character.isHighSurrogate(c);
            if (!emitPython(c)) {
                return false;
            }
        }
        return false;
    }

    /** The character of the escape after a backslash, or -1 when it is not a JSON escape. */
    private int escape() {
        if (at >= json.length()) {
            return -1;
        }
        char e = json.charAt(at++);
        switch (e) {
            case '"', '\\', '/':
                return e;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (at + 4 > json.length()) {
                    return -1;
                }
                int value = 0;
                for (int k = 0; k < 4; k++) {
                    int digit = Character.digit(json.charAt(at++), 16);
                    if (digit < 0) {
                        return -1;
                    }
                    value = value * 16 + digit;
                }
                return value;
            default:
                return -1;
        }
    }

    /** One string character as Python's {@code ensure_ascii} escaping writes it. */
    private boolean emitPython(char c) {
        return switch (c) {
            case '"' -> emit('\\') && emit('"');
            case '\\' -> emit('\\') && emit('\\');
            case '\b' -> emit('\\') && emit('b');
            case '\f' -> emit('\\') && emit('f');
            case '\n' -> emit('\\') && emit('n');
            case '\r' -> emit('\\') && emit('r');
            case '\t' -> emit('\\') && emit('t');
            default -> c >= ' ' && c <= '~' ? emit(c)
                    : emit('\\') && emit('u') && emit(HEX[c >> 12]) && emit(HEX[(c >> 8) & 0xf])
                    && emit(HEX[(c >> 4) & 0xf]) && emit(HEX[c & 0xf]);
        };
    }

    private boolean literal(String word) {
        if (!json.startsWith(word, at)) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (!emit(word.charAt(k))) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    /** A JSON number ({@code -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?}), copied as written. */
    private boolean number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            return false; // also NaN, Infinity, -Infinity
        }
        if (peek('.')) {
            at++;
            if (!digits()) {
                return false;
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                return false;
            }
        }
        if (at - start > MAX_NUMBER) {
            return false;
        }
        for (int k = start; k < at; k++) {
            if (!emit(json.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean digits() {
        int start = at;
        while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private boolean peek(char c) {
        return at < json.length() && json.charAt(at) == c;
    }

    /** Whether the next character of {@code text} is {@code c}; moves past it. */
    private boolean emit(char c) {
        if (out < text.length() && text.charAt(out) == c) {
            out++;
            return true;
        }
        return false;
    }
}
