package io.decnet.reconciler.cli;

import io.decnet.reconciler.jdbi.JdbcUrls;

/**
 * Keeps passwords out of everything the command prints: JDBC URLs (password-like parameters and
 * {@code user:password@} user info) and any message that quotes them or their password. The rules live in the
 * store's {@link JdbcUrls}, so that the store's own messages and the command's agree. Stateless, thread-safe.
 */
final class Redaction {
    static final String MASK = JdbcUrls.MASK;

    private Redaction() {
    }

    /** {@code text} with every password-looking value replaced by {@value #MASK}. */
    static String mask(String text) {
        return JdbcUrls.mask(text);
    }

    /**
     * {@code text} masked, and with the passwords found in {@code secretsFrom} (e.g. the JDBC URL) replaced
     * wherever they appear, even outside a URL (a driver may quote them bare).
     */
    static String scrub(String text, String secretsFrom) {
        return JdbcUrls.scrub(text, secretsFrom);
    }
}
