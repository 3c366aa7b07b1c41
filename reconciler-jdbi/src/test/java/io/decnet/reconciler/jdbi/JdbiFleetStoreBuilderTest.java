package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Rows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder rejects bad options at build() with a message naming the option, what is allowed and the value. */
class JdbiFleetStoreBuilderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "table name ''{0}'' is rejected")
    @ValueSource(strings = {"", "Fleet_Deckies", "1fleet", "fleet-deckies", "fleet deckies",
            "fleet_deckies; DROP TABLE x", "fleet\"deckies", "fleet`deckies",
            "a_table_name_that_is_longer_than_forty_eight_chars"})
    void aTableNameThatIsNotAPlainLowerCaseIdentifierIsRejected(String name) {
        assertThatThrownBy(() -> JdbiFleetStore.builder().jdbcUrl(url()).tableName(name).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tableName must be 1 to 48 characters of a-z, 0-9 and _, not starting with a digit; got '"
                        + name + "'");
    }

    @Test
    void aPlainTableNameIsAcceptedAndUsed() {
        JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url()).tableName("_fleet_2").build();

        store.apply("local", List.of(new RowChange.Insert(Rows.row("decky-01").build())));

        assertThat(store.read("local")).hasSize(1);
        assertThat(store.toString()).isEqualTo("JdbiFleetStore[_fleet_2 in SQLite database " + dir.resolve("x.db")
                + "]");
    }

    @Test
    void neitherOrBothConnectionSourcesAreRejected() {
        assertThatThrownBy(() -> JdbiFleetStore.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set exactly one of dataSource and jdbcUrl; got neither");
        assertThatThrownBy(() -> JdbiFleetStore.builder().jdbcUrl(url()).dataSource(new UrlDataSource(url())).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set exactly one of dataSource and jdbcUrl; got both");
    }

    @Test
    void anUnsupportedSchemeIsRejectedListingTheSupportedOnesWithoutThePassword() {
        assertThatThrownBy(() -> JdbiFleetStore.open("jdbc:oracle:thin:scott/x@//db:1521/orcl?password=tiger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jdbcUrl must start with one of jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb:, "
                        + "jdbc:mysql:; got 'jdbc:oracle:thin:scott/***@//db:1521/orcl?password=***'");
        assertThatThrownBy(() -> JdbiFleetStore.open("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got a blank string");
    }

    @ParameterizedTest(name = "{0} is rejected")
    @ValueSource(strings = {"jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory&cache=shared"})
    void anInMemorySqliteDatabaseIsRejectedBecauseItWouldVanishBetweenCalls(String url) {
        assertThatThrownBy(() -> JdbiFleetStore.open(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jdbcUrl names an in-memory SQLite database")
                .hasMessageEndingWith("got '" + url + "'");
    }

    @Test
    void aBusyTimeoutOutsideItsRangeIsRejected() {
        assertThatThrownBy(() -> JdbiFleetStore.builder().jdbcUrl(url()).sqliteBusyTimeout(Duration.ofMinutes(11))
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqliteBusyTimeout must be between PT0S and PT10M; got PT11M");
        assertThatThrownBy(() -> JdbiFleetStore.builder().jdbcUrl(url()).sqliteBusyTimeout(Duration.ofMillis(-1))
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqliteBusyTimeout must be between PT0S and PT10M; got PT-0.001S");
    }

    @Test
    void aBlankHostIsRejectedBeforeTheDatabaseIsTouched() {
        JdbiFleetStore store = JdbiFleetStore.open("jdbc:sqlite:" + dir.resolve("missing-dir/x.db"));

        assertThatThrownBy(() -> store.read(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hostUuid must not be blank; got ' '");
        assertThatThrownBy(() -> store.apply(null, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hostUuid must not be blank; got null");
    }

    @Test
    void aClosedStoreRefusesWork() {
        JdbiFleetStore store = JdbiFleetStore.open(url());
        store.close();
        store.close();

        assertThatThrownBy(() -> store.read("local")).isInstanceOf(IllegalStateException.class)
                .hasMessage("this fleet store is closed");
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("x.db");
    }
}
