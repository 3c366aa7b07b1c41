package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.jdbi.internal.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords are masked wherever a URL or a driver message may carry them. */
class CredentialsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "jdbc:postgresql://db:5432/f?user=u&password=s3cret&ssl=true|jdbc:postgresql://db:5432/f?user=u&password=***&ssl=true",
            "jdbc:mariadb://db/f?password=s3cret|jdbc:mariadb://db/f?password=***",
            "jdbc:mysql://u:s3cret@db:3306/f|jdbc:mysql://u:***@db:3306/f",
            "jdbc:postgresql://db/f?PASSWORD=s3cret;user=u|jdbc:postgresql://db/f?PASSWORD=***;user=u",
            "Access denied (url jdbc:x://h/d?user=u&pwd=s3cret)|Access denied (url jdbc:x://h/d?user=u&pwd=***)",
            "error: unsupported database URL 'jdbc:oracle:thin:u/s3cret@db:1521:x' (from --db)|error: unsupported database URL 'jdbc:oracle:thin:u/***@db:1521:x' (from --db)",
            "jdbc:oracle:oci:scott/s3cret@//db:1521/x|jdbc:oracle:oci:scott/***@//db:1521/x",
            "database jdbc:postgresql://h/d?user=u&password=s3cret, docker unix:///x|database jdbc:postgresql://h/d?user=u&password=***, docker unix:///x",
            "url 'jdbc:postgresql://h/d?password=s3cret' failed|url 'jdbc:postgresql://h/d?password=***' failed",
            "jdbc:sqlite:/var/lib/decnet/decnet.db|jdbc:sqlite:/var/lib/decnet/decnet.db",
            "jdbc:postgresql://db/f?user=u&sslpassword=s3cret|jdbc:postgresql://db/f?user=u&sslpassword=***",
            "jdbc:mysql://db/f?trustStorePassword=s3cret&x=1|jdbc:mysql://db/f?trustStorePassword=***&x=1",
            "jdbc:mariadb://db/f?password=s3c,r'e\"t)x&user=u|jdbc:mariadb://db/f?password=***&user=u",
            "jdbc:mariadb://u:s3c/ret@db:3306/f|jdbc:mariadb://u:***@db:3306/f",
            "jdbc:mariadb://u:s3c@ret@db:3306/f is down|jdbc:mariadb://u:***@db:3306/f is down",
            "no secrets here: host=db user=u|no secrets here: host=db user=u"})
    void passwordsAreMasked(String text, String masked) {
        assertThat(Credentials.mask(text)).isEqualTo(masked).doesNotContain("s3cret").doesNotContain("ret@");
    }

    @Test
    void aPasswordADriverQuotesBareIsScrubbedUsingTheUrl() {
        String url = "jdbc:mariadb://decnet:hunter2@127.0.0.1:5998/decnet";

        assertThat(Credentials.scrub("Incorrect port value : hunter2@127.0.0.1", url))
                .isEqualTo("Incorrect port value : ***@127.0.0.1");
        assertThat(Credentials.secrets(url)).containsExactly("hunter2");
    }

    @Test
    void theSecretsOfAUrlAreItsWholePasswordsCommasAndQuotesIncluded() {
        assertThat(Credentials.secrets("jdbc:mariadb://db/f?password=pa,ss'wd&user=u")).containsExactly("pa,ss'wd");
        assertThat(Credentials.secrets("jdbc:oracle:thin:scott/tiger99@db:1521:x")).containsExactly("tiger99");
        assertThat(Credentials.scrub("database jdbc:mariadb://db/f?password=pa,ss'wd, docker x",
                "jdbc:mariadb://db/f?password=pa,ss'wd")).isEqualTo("database jdbc:mariadb://db/f?password=***, docker x");
    }
}
