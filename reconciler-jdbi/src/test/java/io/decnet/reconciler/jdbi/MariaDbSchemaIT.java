package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's schema on the MariaDB server that databases.sh starts, and its DATETIME precision. */
class MariaDbSchemaIT extends SchemaSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Test
    void aDecnetDatetimeWithoutFractionIsReportedAsWholeSeconds() {
        db.execute(db.decnetDdl(table).toArray(String[]::new));

        assertThat(db.store(table).timestampPrecision()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aDatetimeWithMicrosecondsIsReportedAndKeptAsMicroseconds() {
        db.execute(db.decnetDdl(table).get(0).replace("DATETIME", "DATETIME(6)"));
        JdbiFleetStore store = db.store(table);
        FleetRow row = Rows.row("decky-01").lastSeen(Instant.parse("2026-01-01T10:00:00.123456789Z"))
                .updatedAt(Instant.parse("2026-01-01T10:00:01.000001Z")).build();

        store.apply("local", List.of(new RowChange.Insert(row)));

        assertThat(store.timestampPrecision()).isEqualTo(Duration.ofNanos(1_000));
        FleetRow read = store.read("local").get(0);
        assertThat(read.lastSeen()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:01.000001Z"));
    }
}
