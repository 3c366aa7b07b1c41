package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.jdbi.internal.SqliteTimestamps;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQLite timestamp text: written as DECNET writes it, read in every form it may take, and normalised in SQL by
 * exactly the rules the reader uses (checked on a real, in-memory SQLite).
 */
class SqliteTimestampsTest {
    private Connection sqlite;

    @BeforeEach
    void open() throws SQLException {
        sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @AfterEach
    void close() throws SQLException {
        sqlite.close();
    }

    @Test
    void instantsAreWrittenAsSixFractionalDigitsTruncatedNotRounded() {
        assertThat(SqliteTimestamps.format(Instant.parse("2026-03-04T05:06:07.999999999Z")))
                .isEqualTo("2026-03-04 05:06:07.999999");
        assertThat(SqliteTimestamps.format(Instant.parse("2026-03-04T05:06:07Z")))
                .isEqualTo("2026-03-04 05:06:07.000000");
        assertThat(SqliteTimestamps.format(Instant.parse("0999-12-31T23:59:59.000001Z")))
                .isEqualTo("0999-12-31 23:59:59.000001");
    }

    @ParameterizedTest(name = "''{0}'' is not a timestamp")
    @ValueSource(strings = {"", "yesterday", "2026-01-01", "2026-01-01 10:00", "2026-13-01 10:00:00",
            "2026-02-30 10:00:00", "2026-01-01 24:00:00", "2026-01-01 10:60:00", "2026-01-01 10:00:60",
            " 2026-01-01 10:00:00", "1767261600", "2026-01-01x10:00:00", "２０２６-01-01 10:00:00"})
    void textThatIsNotATimestampIsRefusedInJavaAndNullInSql(String text) throws SQLException {
        assertThat(SqliteTimestamps.parse(text)).isEmpty();
        assertThat(comparableInSql(text)).isNull();
    }

    @ParameterizedTest(name = "''{0}'' normalises in SQL as it parses in Java")
    @ValueSource(strings = {"2026-01-01 10:00:00", "2026-01-01 10:00:00.", "2026-01-01 10:00:00.1",
            "2026-01-01 10:00:00.000001", "2026-01-01 10:00:00.1234567", "2026-01-01T23:59:59.999999",
            "2026-01-01 10:00:00Z", "2026-01-01 10:00:00.25+02:00", "2026-01-01 10:00:00-0130",
            "2026-01-01 10:00:00.123456789Z", "2026-01-01 10:00:00 junk", "2026-01-01 10:00:00.12x\n3",
            "2024-02-29 00:00:00", "0000-01-01 00:00:00"})
    void theSqlNormalisationAgreesWithTheJavaParser(String text) throws SQLException {
        Instant parsed = SqliteTimestamps.parse(text).orElseThrow();

        assertThat(comparableInSql(text)).isEqualTo(SqliteTimestamps.format(parsed));
    }

    @Test
    void aNullColumnIsNullInSql() throws SQLException {
        assertThat(comparableInSql(null)).isNull();
    }

    private String comparableInSql(String text) throws SQLException {
        try (PreparedStatement statement = sqlite.prepareStatement(
                "SELECT " + SqliteTimestamps.comparableSql("t") + " FROM (SELECT ? AS t)")) {
            statement.setString(1, text);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
