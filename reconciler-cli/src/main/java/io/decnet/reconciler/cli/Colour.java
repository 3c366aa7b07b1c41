package io.decnet.reconciler.cli;

import java.util.Map;

/**
 * ANSI colours for text output: only on a terminal, never when {@code NO_COLOR} is set (no-color.org) or
 * {@code TERM=dumb}. Immutable.
 */
record Colour(boolean on) {
    static final Colour NONE = new Colour(false);

    /** Colour for a run whose standard output {@code isTerminal}, under environment {@code vars}. */
    static Colour forOutput(boolean isTerminal, Map<String, String> vars) {
        String noColor = vars.get("NO_COLOR");
        boolean disabled = (noColor != null && !noColor.isEmpty()) || "dumb".equals(vars.get("TERM"));
        return new Colour(isTerminal && !disabled);
    }

    String green(String text) {
        return paint("32", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    private String paint(String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
