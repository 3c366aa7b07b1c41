package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void passwordParametersAreMaskedWhateverTheirCaseOrPosition() {
        assertThat(Redaction.mask("jdbc:postgresql://db/decnet?user=u&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/decnet?user=u&password=***&ssl=true");
        assertThat(Redaction.mask("jdbc:mariadb://db/decnet?Password=abc;pwd=def"))
                .isEqualTo("jdbc:mariadb://db/decnet?Password=***;pwd=***");
    }

    @Test
    void userInfoPasswordsAreMasked() {
        assertThat(Redaction.mask("jdbc:mysql://decnet:s3cr3t@db:3306/decnet"))
                .isEqualTo("jdbc:mysql://decnet:***@db:3306/decnet");
    }

    @Test
    void aPasswordQuotedBareInADriverMessageIsScrubbedToo() {
        String url = "jdbc:postgresql://db/decnet?user=u&password=hunter2secret";
        assertThat(Redaction.scrub("FATAL: password 'hunter2secret' rejected for u", url))
                .isEqualTo("FATAL: password '***' rejected for u");
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        assertThat(Redaction.mask("jdbc:sqlite:/var/lib/decnet/decnet.db"))
                .isEqualTo("jdbc:sqlite:/var/lib/decnet/decnet.db");
        assertThat(Redaction.scrub("connection refused", "jdbc:sqlite:decnet.db")).isEqualTo("connection refused");
    }
}
