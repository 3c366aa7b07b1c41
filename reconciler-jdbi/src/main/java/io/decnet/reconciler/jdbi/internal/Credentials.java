package io.decnet.reconciler.jdbi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that may quote a JDBC URL (ours or a driver's message): the values of
 * password-like parameters ({@code password=}, {@code sslpassword=}, {@code trustStorePassword=}, {@code pwd=},
 * ...) and the password of {@code //user:password@host} user info. Errs on the side of masking too much: a value
 * runs to the next {@code &}, {@code ;} or white space whatever it contains, and user info ends at the last
 * {@code @} of the token. Stateless, thread-safe.
 */
public final class Credentials {
    /** What a password is replaced with. */
    public static final String MASK = "***";

    /**
     * A password parameter in free text (a log line, a message). Its value ends at a URL separator or white space;
     * a quote, comma or closing parenthesis belongs to it only when more of the value (not more closing punctuation)
     * follows, so that the text
     * around a URL (the closing quote, the comma after it in a sentence) is kept while such characters inside a
     * password are masked with it.
     */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "(?i)\\b(\\w*(?:password|passwd|pwd)|pass)=((?:[^&;\\s'\",)]|['\",)](?=[^\\s&;'\",)}\\]]))*)");
    /** A password parameter in a URL itself: the whole value, up to the next separator (commas included). */
    private static final Pattern PASSWORD_IN_URL =
            Pattern.compile("(?i)\\b(\\w*(?:password|passwd|pwd)|pass)=([^&;\\s]*)");
    /** Oracle-style {@code jdbc:oracle:thin:user/password@host}: the password between the '/' and the '@'. */
    private static final Pattern SLASH_USER_INFO =
            Pattern.compile("(?i)(jdbc:[a-z0-9]+:[a-z0-9]+:[^/:@\\s'\"]+/)([^@\\s]+)@");
    private static final Pattern USER_INFO_START = Pattern.compile("//([^/:@\\s]+):");

    private Credentials() {
    }

    /** {@code text} with every password-like parameter value and every {@code user:password@} password masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
        masked = SLASH_USER_INFO.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        StringBuilder out = new StringBuilder(masked.length());
        int from = 0;
        for (int[] span : userInfoPasswords(masked, Scope.TEXT)) {
            out.append(masked, from, span[0]).append(MASK);
            from = span[1];
        }
        return out.append(masked.substring(from)).toString();
    }

    /**
     * The passwords {@code url} carries, for masking them where a driver quotes them bare (e.g. "Incorrect port
     * value: hunter2@db"). Values shorter than four characters are left out: masking them everywhere would
     * mangle unrelated text, and the URL itself is still masked by {@link #mask}.
     */
    public static List<String> secrets(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher p = PASSWORD_IN_URL.matcher(url);
        while (p.find()) {
            addSecret(found, p.group(2));
        }
        Matcher slash = SLASH_USER_INFO.matcher(url);
        while (slash.find()) {
            addSecret(found, slash.group(2));
        }
        for (int[] span : userInfoPasswords(url, Scope.URL)) {
            addSecret(found, url.substring(span[0], span[1]));
        }
        return found;
    }

    /** {@code text} with the passwords of {@code url} masked wherever they appear, then {@link #mask}ed. */
    public static String scrub(String text, String url) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets(url)) {
            out = out.replace(secret, MASK);
        }
        return mask(out);
    }

    /**
     * Start and end of each {@code user:PASSWORD@} password: up to the last '@' before white space or a quote that
     * closes the URL.
     */
    private static List<int[]> userInfoPasswords(String text, Scope scope) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = USER_INFO_START.matcher(text);
        int searchFrom = 0;
        while (m.find(searchFrom)) {
            int start = m.end();
            int tokenEnd = start;
            while (tokenEnd < text.length() && !Character.isWhitespace(text.charAt(tokenEnd))
                    && !(scope == Scope.TEXT && closesUrl(text, tokenEnd))) {
                tokenEnd++;
            }
            int at = text.lastIndexOf('@', tokenEnd - 1);
            if (at >= start) {
                spans.add(new int[] {start, at});
                searchFrom = at + 1;
            } else {
                searchFrom = start;
            }
        }
        return spans;
    }

    /** Where a URL is looked for: a URL on its own (it runs to white space), or a URL inside free text. */
    private enum Scope {
        URL,
        TEXT
    }

    /** A quote that ends the URL around it: followed by white space, the end, or more closing punctuation. */
    private static boolean closesUrl(String text, int i) {
        if ("'\"".indexOf(text.charAt(i)) < 0) {
            return false;
        }
        return i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))
                || "'\",)}]".indexOf(text.charAt(i + 1)) >= 0;
    }

    private static void addSecret(List<String> found, String secret) {
        if (secret != null && secret.length() >= 4 && !secret.equals(MASK)) {
            found.add(secret);
        }
    }
}
