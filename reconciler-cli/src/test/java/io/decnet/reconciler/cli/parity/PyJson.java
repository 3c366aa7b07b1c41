package io.decnet.reconciler.cli.parity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** JSON text as Python's {@code json.dumps} writes it by default: {@code ", "} and {@code ": "}, ASCII only. */
final class PyJson {
    private PyJson() {
    }

    static String dumps(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ": " + dumps(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(PyJson::dumps).collect(Collectors.joining(", ", "[", "]"));
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
