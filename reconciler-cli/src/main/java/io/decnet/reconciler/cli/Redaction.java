package io.decnet.reconciler.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything the command prints: JDBC URLs ({@code password=...} parameters and
 * {@code user:password@} user info) and any message that quotes them or their password. Stateless, thread-safe.
 */
final class Redaction {
    static final String MASK = "***";
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)\\b(password|passwd|pwd|pass)=([^&;\\s,)\"']*)");
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@\\s]+):([^@/\\s]*)@");

    private Redaction() {
    }

    /** {@code text} with every password-looking value replaced by {@value #MASK}. */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
        return USER_INFO.matcher(masked).replaceAll("//$1:" + Matcher.quoteReplacement(MASK) + "@");
    }

    /**
     * {@code text} masked, and with the passwords found in {@code secretsFrom} (e.g. the JDBC URL) replaced
     * wherever they appear, even outside a URL (a driver may quote them bare).
     */
    static String scrub(String text, String secretsFrom) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets(secretsFrom)) {
            out = out.replace(secret, MASK);
        }
        return mask(out);
    }

    private static List<String> secrets(String source) {
        List<String> found = new ArrayList<>();
        if (source == null) {
            return found;
        }
        Matcher p = PASSWORD_PARAMETER.matcher(source);
        while (p.find()) {
            addSecret(found, p.group(2));
        }
        Matcher u = USER_INFO.matcher(source);
        while (u.find()) {
            addSecret(found, u.group(2));
        }
        return found;
    }

    private static void addSecret(List<String> found, String secret) {
        // Very short values would mask unrelated text; the URL itself is still masked by pattern.
        if (secret != null && secret.length() >= 4) {
            found.add(secret);
        }
    }
}
