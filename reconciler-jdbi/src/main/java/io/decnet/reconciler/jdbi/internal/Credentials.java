package io.decnet.reconciler.jdbi.internal;

import java.util.regex.Pattern;

/** Removes credentials from text that may quote a JDBC URL (ours or a driver's message). Stateless, thread-safe. */
public final class Credentials {
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)\\b(password|passwd|pwd|pass)=([^&;\\s,)\"']*)");
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@\\s]+):([^@/\\s]*)@");

    private Credentials() {
    }

    /** {@code text} with every {@code password=...} value and every {@code user:pass@} password replaced. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=***");
        return USER_INFO.matcher(masked).replaceAll("//$1:***@");
    }
}
