package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.FleetRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the row mapper on a real SQLite table in DECNET's schema: whatever text (or NULL) other programs left in
 * each column (no timestamp, garbage JSON, huge or unicode strings, SQL keywords, quotes, {@code %} and {@code _}),
 * the store reads the row, with its name exactly as stored, and names what is odd instead of failing. 1,000 tries in
 * the suite; {@code -Djqwik.tries.default=N} by hand.
 */
class RowMappingFuzzProperties {
    private static Path dir;
    private static TestDatabase db;
    private static JdbiFleetStore store;
    private static final String TABLE = "fuzz_rows";

    @BeforeContainer
    static void open() throws IOException {
        // In memory where the machine has it: every try commits, and a disk's sync would be most of a try's time.
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "row-fuzz")
                : Files.createTempDirectory("row-fuzz");
        db = TestDatabase.sqlite(dir.resolve("decnet.db"));
        db.execute(db.decnetDdl(TABLE).toArray(String[]::new));
        store = db.store(TABLE);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("2026-12-04 05:00:00.123456", "2026-12-04T05:00:00", "2026-13-45 99:99:99",
                        "0000-00-00 00:00:00", "yesterday", "", " ", "NaN", "[\"ssh\"]", "[\"ssh\", 1]", "{}", "[",
                        "null", "'; DROP TABLE fuzz_rows; --", "100%_done", "\u202e\u0000\n", "ssh\"http",
                        "SELECT * FROM fleet_deckies", "x".repeat(100_000)),
                Arbitraries.just(null));
    }

    @Property
    void anyTextInAnyColumnIsReadNeverAFailure(@ForAll("values") String services, @ForAll("values") String config,
            @ForAll("values") String ip, @ForAll("values") String state, @ForAll("values") String lastSeen,
            @ForAll("values") String updatedAt, @ForAll("names") String name) throws SQLException {
        try (Connection c = db.connect()) {
            c.createStatement().execute("DELETE FROM " + TABLE);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (host_uuid, name, services, "
                    + "decky_config, decky_ip, state, last_seen, updated_at) VALUES ('local', ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, services);
                insert.setString(3, config);
                insert.setString(4, ip);
                insert.setString(5, state);
                insert.setString(6, lastSeen);
                insert.setString(7, updatedAt);
                insert.executeUpdate();
            } catch (SQLException notNull) {
                return; // DECNET's NOT NULL columns refuse a NULL: such a row cannot exist
            }
        }

        List<String> stored = storedAsPlainJdbcReadsIt();

        List<FleetRow> rows = store.read("local");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo(stored.get(0));
            assertThat(row.deckyIp()).isEqualTo(stored.get(1));
            assertThat(row.deckyConfig()).isEqualTo(stored.get(2));
            if (updatedAt == null || updatedAt.isBlank() || !Character.isDigit(updatedAt.charAt(0))) {
                assertThat(row.anomalies()).isNotEmpty();
            }
        });
    }

    /** name, decky_ip, decky_config as plain JDBC reads them back (SQLite keeps text up to a NUL, for one). */
    private static List<String> storedAsPlainJdbcReadsIt() throws SQLException {
        try (Connection c = db.connect();
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT name, decky_ip, decky_config FROM "
                     + TABLE)) {
            rs.next();
            return java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_.'\";%\\ ").ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("web-01", "O'Brien", "a\"b", "x; DELETE FROM fuzz_rows", "50%_off", "décky-é",
                        "SELECT", "\u202eevil", "a\nb"));
    }
}
