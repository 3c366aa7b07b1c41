package io.decnet.reconciler.cli.parity;

/** What one {@code reconcile --once} printed and returned. */
record RunResult(int code, String out, String err) {
    @Override
    public String toString() {
        return "exit " + code + "\n    --- stdout\n    " + out.replace("\n", "\n    ") + "--- stderr\n    "
                + err.replace("\n", "\n    ");
    }
}
