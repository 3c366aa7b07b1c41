package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.jdbi.internal.Credentials;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords are masked wherever a URL or a driver message may carry them. */
class CredentialsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/f?user=u&password=s3cret&ssl=true|jdbc:postgresql://db:5432/f?user=u&password=***&ssl=true",
            "jdbc:mariadb://db/f?password=s3cret|jdbc:mariadb://db/f?password=***",
            "jdbc:mysql://u:s3cret@db:3306/f|jdbc:mysql://u:***@db:3306/f",
            "jdbc:postgresql://db/f?PASSWORD=s3cret;user=u|jdbc:postgresql://db/f?PASSWORD=***;user=u",
            "Access denied (url jdbc:x://h/d?user=u&pwd=s3cret)|Access denied (url jdbc:x://h/d?user=u&pwd=***)",
            "no secrets here: host=db user=u|no secrets here: host=db user=u"})
    void passwordsAreMasked(String text, String masked) {
        assertThat(Credentials.mask(text)).isEqualTo(masked).doesNotContain("s3cret");
    }
}
