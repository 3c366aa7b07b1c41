package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.jdbi.internal.Credentials;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the password and wherever the URL carries it, no text that went through the masking shows it, and the
 * text around the URL is kept as it was. The secrets are drawn from letters, digits and the separators a password
 * may hold ({@code , ' " ) ( : = % + ! #}), never shorter than four characters.
 */
class CredentialsProperties {
    private static final List<String> URL_FORMS = List.of(
            "jdbc:postgresql://db:5432/decnet?user=decnet&password=%s&ssl=true",
            "jdbc:postgresql://db/decnet?password=%s",
            "jdbc:mariadb://db/decnet?user=u;password=%s;x=1",
            "jdbc:mysql://db/decnet?trustStorePassword=%s",
            "jdbc:postgresql://db/decnet?sslpassword=%s&user=u",
            "jdbc:mariadb://decnet:%s@db:3306/decnet",
            "jdbc:oracle:thin:decnet/%s@db:1521:x",
            "jdbc:mysql://db/decnet?PASSWORD=%s");
    private static final List<String> SENTENCES = List.of(
            "%s",
            "error: database %s failed: connection refused",
            "error: unsupported database URL '%s' (from --db)",
            "reconciling every 30 s: database %s, docker unix:///x",
            "{\"database\":\"%s\"}",
            "url=%s\n");

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<Character> chars = Arbitraries.chars().alpha().numeric().with(',', '\'', '"', ')', '(', ':', '=',
                '%', '+', '!', '#');
        return chars.list().ofMinSize(4).ofMaxSize(24).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        }).filter(s -> s.chars().anyMatch(Character::isLetterOrDigit));
    }

    @Provide
    Arbitrary<String[]> cases() {
        return Combinators.combine(secrets(), Arbitraries.of(URL_FORMS), Arbitraries.of(SENTENCES))
                .as((secret, form, sentence) -> {
                    String url = form.formatted(secret);
                    return new String[] {secret, url, sentence.formatted(url), sentence};
                });
    }

    @Property(tries = 2000)
    void noMaskedTextShowsThePasswordAndTheSentenceAroundItIsKept(@ForAll("cases") String[] c) {
        String secret = c[0];
        String url = c[1];
        String text = c[2];
        String sentence = c[3];

        String scrubbed = Credentials.scrub(text, url);

        assertThat(scrubbed).as("text %s", text).doesNotContain(secret);
        String[] around = sentence.split("%s", -1);
        assertThat(scrubbed).startsWith(around[0]).endsWith(around[1]);
        assertThat(Credentials.scrub(url, url)).contains(Credentials.MASK).doesNotContain(secret);
    }
}
