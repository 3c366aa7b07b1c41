package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public face of the store's URL rules: the schemes it opens and the passwords it never prints. */
class JdbcUrlsTest {

    @Test
    void theSchemesAreTheOnesTheStoreNamesInItsMessagesInTheSameOrder() {
        assertThat(JdbcUrls.schemes())
                .containsExactly("jdbc:sqlite:", "jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:");
        assertThat(String.join(", ", JdbcUrls.schemes())).isEqualTo(JdbcUrls.SUPPORTED);
        assertThatThrownBy(() -> JdbiFleetStore.open("jdbc:oracle:thin:@db"))
                .hasMessageContaining(JdbcUrls.SUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:decnet.db", "JDBC:SQLite:decnet.db", "jdbc:postgresql://db/decnet",
        "jdbc:mariadb://db/decnet", "jdbc:mysql://db/decnet"})
    void aUrlOfASupportedSchemeIsSupportedInAnyCase(String url) {
        assertThat(JdbcUrls.isSupported(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:oracle:thin:@db:1521:orcl", "sqlite:decnet.db", "decnet.db", ""})
    void anyOtherUrlIsNot(String url) {
        assertThat(JdbcUrls.isSupported(url)).isFalse();
        assertThat(JdbcUrls.isSupported(null)).isFalse();
    }

    @Test
    void passwordsAreMaskedInUrlsAndScrubbedFromMessagesThatQuoteThemBare() {
        String url = "jdbc:postgresql://db/decnet?user=u&password=hunter2secret";

        assertThat(JdbcUrls.mask(url)).isEqualTo("jdbc:postgresql://db/decnet?user=u&password=" + JdbcUrls.MASK);
        assertThat(JdbcUrls.scrub("FATAL: password 'hunter2secret' rejected", url))
                .isEqualTo("FATAL: password '***' rejected");
        assertThat(JdbcUrls.mask(null)).isNull();
    }
}
