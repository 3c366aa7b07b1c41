package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.jdbi.internal.Credentials;
import io.decnet.reconciler.jdbi.internal.JdbcTarget;
import java.util.List;

/**
 * JDBC URLs as {@link JdbiFleetStore} sees them: which schemes it supports, and how to print a URL, or a message
 * quoting one, without its passwords. The store's own messages follow the same rules, so a caller that prints
 * URLs with these agrees with the store. Stateless, thread-safe.
 *
 * <pre>{@code
 * JdbcUrls.mask("jdbc:postgresql://db/decnet?user=u&password=s3cr3t")
 *     // jdbc:postgresql://db/decnet?user=u&password=***
 * JdbcUrls.scrub("FATAL: password 's3cr3t' rejected", url)
 *     // FATAL: password '***' rejected
 * }</pre>
 */
public final class JdbcUrls {
    /** The URL schemes the store supports, as its messages list them. */
    public static final String SUPPORTED = JdbcTarget.SUPPORTED;
    /** What a password is replaced with. */
    public static final String MASK = Credentials.MASK;

    private JdbcUrls() {
    }

    /** The schemes of {@link #SUPPORTED}, one by one, in the same order (e.g. {@code jdbc:sqlite:}). */
    public static List<String> schemes() {
        return JdbcTarget.SCHEMES;
    }

    /** Whether {@code url} starts with one of the {@link #schemes()}, in any case. */
    public static boolean isSupported(String url) {
        return url != null && JdbcTarget.isSupported(url);
    }

    /**
     * {@code text} with every password-like parameter value ({@code password=}, {@code pwd=}, ...) and every
     * {@code user:password@} password replaced by {@value #MASK}; {@code null} for {@code null}.
     */
    public static String mask(String text) {
        return Credentials.mask(text);
    }

    /**
     * {@code text} {@linkplain #mask masked}, and with the passwords {@code url} carries replaced wherever they
     * appear, even outside a URL (a driver may quote them bare); {@code null} for {@code null}.
     */
    public static String scrub(String text, String url) {
        return Credentials.scrub(text, url);
    }
}
