package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.testkit.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table's schema: created exactly as DECNET's DDL creates it when absent, used as it is when present, never
 * altered, rejected with a clear message when it lacks a column. Each database's test class extends this.
 */
abstract class SchemaSuite {
    protected TestDatabase db;
    protected String table;
    private final List<String> tables = new ArrayList<>();

    protected abstract TestDatabase database();

    @BeforeEach
    void pickTable() {
        db = database();
        table = track(TestDatabase.uniqueTable("schema"));
    }

    @AfterEach
    void dropTables() {
        if (db != null) { // null when the database was missing and the test skipped
            tables.forEach(db::dropTable);
        }
    }

    protected final String track(String name) {
        tables.add(name);
        return name;
    }

    @Test
    void aMissingTableIsCreatedExactlyAsDecnetsDdlCreatesIt() {
        String decnet = track(TestDatabase.uniqueTable("decnet"));
        db.execute(db.decnetDdl(decnet).toArray(String[]::new));

        db.store(table).prepare();

        assertThat(db.shape(table)).isNotEmpty().isEqualTo(db.shape(decnet))
                .contains("index ix_<t>_host_uuid 1 host_uuid", "index ix_<t>_state 1 state",
                        "primary key 1 host_uuid", "primary key 2 name");
    }

    @Test
    void anExistingTableWithExtraColumnsAndNoIndexesIsUsedAndNeverAltered() {
        String create = db.decnetDdl(table).get(0).replace("updated_at", "notes TEXT, updated_at");
        db.execute(create);
        List<String> before = db.shape(table);

        JdbiFleetStore store = db.store(table);
        assertThat(store.apply("local", List.of(new RowChange.Insert(Rows.row("decky-01").build()))))
                .containsExactly(WriteOutcome.APPLIED);
        assertThat(store.read("local")).hasSize(1);

        assertThat(db.shape(table)).isEqualTo(before).contains("column notes TEXT NULL")
                .noneMatch(line -> line.startsWith("index ix_"));
    }

    @Test
    void aTableLackingAColumnIsRejectedWithAMessageNamingItAndIsLeftAsItIs() {
        db.execute(db.decnetDdl(table).get(0).replaceFirst("decky_ip [A-Z0-9()]+, ", ""));
        List<String> before = db.shape(table);
        JdbiFleetStore store = db.store(table);

        assertThatThrownBy(store::prepare).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("table " + table + " lacks column decky_ip ");
        assertThatThrownBy(() -> store.read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessageContaining("lacks column decky_ip");

        assertThat(db.shape(table)).isEqualTo(before);
    }

    @Test
    void aMissingTableIsNotCreatedWhenCreationIsSwitchedOffAndIsPickedUpOnceItExists() {
        JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(db.jdbcUrl()).tableName(table)
                .createTableIfMissing(false).build();

        assertThatThrownBy(() -> store.read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("table " + table + " does not exist in ")
                .hasMessageContaining("createTableIfMissing(false)");
        assertThat(db.shape(table)).isEmpty();

        db.execute(db.decnetDdl(table).toArray(String[]::new));
        assertThat(store.read("local")).isEmpty();
    }

    @Test
    void storesCreatingTheSameTableAtTheSameTimeAllSucceed() throws Exception {
        int stores = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(stores);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                JdbiFleetStore store = db.store(table);
                Callable<Object> prepare = () -> {
                    start.await();
                    return store.read("local");
                };
                results.add(pool.submit(prepare));
            }
            start.countDown();
            for (Future<Object> result : results) {
                assertThat(result.get()).isEqualTo(List.of());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.shape(table)).contains("index ix_<t>_state 1 state");
    }

    @Test
    void aConfiguredTableNameIsUsedForTheTableAndItsIndexes() {
        JdbiFleetStore store = db.store(table);
        store.apply("local", List.of(new RowChange.Insert(Rows.row("decky-01").build())));

        assertThat(db.shape(table)).contains("index ix_<t>_host_uuid 1 host_uuid");
        assertThat(store.toString()).contains(table);
    }
}
