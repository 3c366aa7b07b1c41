package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Transition;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.FakeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race harness (issue 10): a simulated DECNET deployer (state file first, then the table; table writes
 * sometimes skipped as if the database were down; atomic renames and in-place rewrites; Docker changes; rows of a
 * second host) runs concurrently with two reconcilers of one host, each with its own store and writer lease, on a
 * real database. Seeded ({@code -Drace.seed}); {@code -Drace.operations} (CI 10,000; by hand 100,000).
 *
 * <p>Invariants: (1) never undone — a reconciler deletes X only if X was missing from some version of the file that
 * its pass could have read, and inserts X only if X was in one; (2) at each quiescent point, one more pass makes the
 * table equal to the truth (the file joined with Docker); (3) the second host's rows are exactly what its writer
 * wrote; (4) two passes never overlap (the lease).
 */
abstract class RaceHarnessSuite {
    private static final String HOST = "local";
    private static final String PEER = "peer";
    private static final int OPERATIONS = Integer.getInteger("race.operations", 10_000);
    private static final int QUIESCE_EVERY = 250;
    private static final List<String> SERVICES = List.of("ssh", "http", "smtp_relay");
    private static final int NAMES = 24;

    @TempDir
    Path dir;
    protected TestDatabase db;
    private String table;
    private Path stateFile;
    private final FakeRuntime docker = FakeRuntime.create();
    private final AtomicLong seq = new AtomicLong();
    /** Each version of the file: the sequence numbers around its write and its deckies (name -> services). */
    private final List<FileVersion> versions = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger passes = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger inPass = new AtomicInteger();
    private final ReentrantReadWriteLock quiesce = new ReentrantReadWriteLock();
    private final Map<String, String> peerRows = new ConcurrentHashMap<>();

    protected abstract TestDatabase database();

    private record FileVersion(long before, long after, Map<String, List<String>> deckies) { }

    @BeforeEach
    void setUp() {
        db = database();
        table = TestDatabase.uniqueTable("race");
        db.execute(db.decnetDdl(table).toArray(String[]::new));
        stateFile = dir.resolve("decnet-state.json");
    }

    @AfterEach
    void dropTable() {
        if (db != null) {
            db.dropTable(table);
        }
    }

    @Test
    void deploysAndTeardownsRacingTwoReconcilersAreNeverUndoneAndTheTableConverges() throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, List<String>> fleet = new TreeMap<>();
        writeFile(fleet, true);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> reconcilers = new ArrayList<>();
        List<Throwable> crashes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> reconcileUntil(stop), "race-reconciler-" + i);
            t.setUncaughtExceptionHandler((thread, e) -> crashes.add(e));
            reconcilers.add(t);
            t.start();
        }
        long started = System.nanoTime();
        try (Connection deployer = db.connect()) {
            if (db.kind() == TestDatabase.Kind.SQLITE) {
                try (Statement s = deployer.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                }
            }
            for (int op = 1; op <= OPERATIONS; op++) {
                operate(random, fleet, deployer);
                if (random.nextInt(4) == 0) {
                    Thread.sleep(0, random.nextInt(500_000));
                }
                if (op % QUIESCE_EVERY == 0 || op == OPERATIONS) {
                    quiescentCheck(fleet);
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : reconcilers) {
                t.join(30_000);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("race (%s): %d operations, %d passes, %d conflicts, %d invariant checks, %d violations "
                + "(seed %d, %.1f s)%n", db.kind(), OPERATIONS, passes.get(), conflicts.get(), checks.get(),
                violations.size(), seed, seconds);
        assertThat(crashes).isEmpty();
        assertThat(violations).as("seed %d", seed).isEmpty();
        assertThat(passes.get()).as("the reconcilers ran").isGreaterThan(OPERATIONS / QUIESCE_EVERY);
    }

    // ---- the reconcilers ----

    private void reconcileUntil(AtomicBoolean stop) {
        JdbiFleetStore store = db.store(table);
        ThreadLocal<Long> passStart = new ThreadLocal<>();
        Reconciler reconciler = Reconciler.builder().listener(event -> checkNeverUndone(event, passStart.get()))
                .build();
        StateFileSource source = StateFileSource.builder(stateFile).absentSettle(Duration.ZERO).build();
        while (!stop.get()) {
            quiesce.readLock().lock();
            try {
                LeaseAttempt attempt = store.writerLease().tryAcquire(HOST);
                if (attempt instanceof LeaseAttempt.Held held) {
                    try (held) {
                        if (inPass.incrementAndGet() != 1) {
                            violations.add("two passes of host " + HOST + " overlapped despite the lease");
                        }
                        try {
                            passStart.set(seq.get());
                            ReconcileReport report = reconciler.reconcileOnce(source, store, docker, HOST);
                            passes.incrementAndGet();
                            conflicts.addAndGet(report.conflicts());
                            if (report.failed()) {
                                violations.add("a pass failed: " + report.failure());
                            }
                        } finally {
                            inPass.decrementAndGet(); // before the lease is given back
                        }
                    }
                }
            } finally {
                quiesce.readLock().unlock();
            }
            Thread.onSpinWait();
        }
    }

    /** Invariant 1, for each committed insert and delete of a pass that started at {@code startSeq}. */
    private void checkNeverUndone(FleetEvent event, long startSeq) {
        if (!event.hostUuid().equals(HOST)) {
            violations.add("an event for another host: " + event);
            return;
        }
        long now = seq.get();
        List<FileVersion> visible = versionsVisible(startSeq, now);
        String name = event.name();
        checks.incrementAndGet();
        if (event.transition() == Transition.DELETED && visible.stream().allMatch(v -> v.deckies().containsKey(name))) {
            violations.add("deleted " + name + " though every file version its pass could read (seq " + startSeq
                    + ".." + now + ") has it");
        }
        if (event.transition() == Transition.INSERTED && visible.stream().noneMatch(v -> v.deckies().containsKey(name))) {
            violations.add("inserted " + name + " though no file version its pass could read (seq " + startSeq
                    + ".." + now + ") has it");
        }
    }

    /** The file versions a read between sequence numbers {@code from} and {@code to} could have seen. */
    private List<FileVersion> versionsVisible(long from, long to) {
        List<FileVersion> visible = new ArrayList<>();
        FileVersion current = null;
        for (FileVersion v : versions) {
            if (v.after() <= from) {
                current = v; // complete before the window: the newest such one is what was there at its start
            } else if (v.before() <= to) {
                visible.add(v); // written (maybe partly) during the window
            }
        }
        if (current != null) {
            visible.add(current);
        }
        return visible;
    }

    // ---- the deployer ----

    private void operate(Random random, Map<String, List<String>> fleet, Connection c) throws Exception {
        String name = "decky-" + random.nextInt(NAMES);
        boolean tableWrite = random.nextInt(10) != 0; // 10 %: the database was down, DECNET skipped the table
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> { // deploy or redeploy with other services
                List<String> services = new ArrayList<>(SERVICES.subList(0, 1 + random.nextInt(SERVICES.size())));
                fleet.put(name, services);
                writeFile(fleet, random.nextBoolean());
                if (tableWrite) {
                    upsert(c, HOST, name, services, "running");
                }
            }
            case 3, 4 -> { // teardown
                if (fleet.remove(name) != null) {
                    writeFile(fleet, random.nextBoolean());
                    if (tableWrite) {
                        delete(c, HOST, name);
                    }
                }
            }
            case 5, 6, 7 -> { // a container changes
                String container = FakeRuntime.containerName(name, SERVICES.get(random.nextInt(SERVICES.size())));
                switch (random.nextInt(3)) {
                    case 0 -> docker.container(container, ContainerStatus.of("running"));
                    case 1 -> docker.container(container, ContainerStatus.of("exited"));
                    default -> docker.remove(container);
                }
            }
            default -> { // the peer host's own writer
                String peer = "peer-" + random.nextInt(8);
                if (random.nextInt(3) == 0) {
                    delete(c, PEER, peer);
                    peerRows.remove(peer);
                } else {
                    String state = random.nextBoolean() ? "running" : "degraded";
                    upsert(c, PEER, peer, List.of("ssh"), state);
                    peerRows.put(peer, state);
                }
            }
        }
    }

    private void writeFile(Map<String, List<String>> fleet, boolean atomic) throws Exception {
        StringBuilder json = new StringBuilder("{\"config\": {\"mode\": \"unihost\", \"deckies\": [");
        int i = 0;
        for (Map.Entry<String, List<String>> d : fleet.entrySet()) {
            json.append(i++ == 0 ? "" : ", ").append("{\"name\": \"").append(d.getKey()).append("\", \"ip\": \"10.0.0.")
                    .append(10 + i).append("\", \"services\": [");
            json.append(String.join(", ", d.getValue().stream().map(s -> "\"" + s + "\"").toList())).append("]}");
        }
        json.append("]}}");
        long before = seq.incrementAndGet();
        // Listed before the write starts, so that a pass checked while the write is in progress counts it.
        int index = versions.size();
        versions.add(new FileVersion(before, Long.MAX_VALUE, Map.copyOf(fleet)));
        if (atomic) {
            Path temp = dir.resolve(".state.tmp");
            Files.writeString(temp, json);
            Files.move(temp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(stateFile, json); // in place: a pass may read it half-written (unreadable)
        }
        long after = seq.incrementAndGet();
        versions.set(index, new FileVersion(before, after, Map.copyOf(fleet)));
    }

    private void upsert(Connection c, String host, String name, List<String> services, String state)
            throws SQLException {
        String servicesJson = "[" + String.join(", ", services.stream().map(s -> "\"" + s + "\"").toList()) + "]";
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET services = ?, state = ?, "
                + "updated_at = ? WHERE host_uuid = ? AND name = ?")) {
            update.setString(1, servicesJson);
            update.setString(2, state);
            timestamp(update, 3);
            update.setString(4, host);
            update.setString(5, name);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (host_uuid, name, services, "
                + "state, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, host);
            insert.setString(2, name);
            insert.setString(3, servicesJson);
            insert.setString(4, state);
            timestamp(insert, 5);
            insert.executeUpdate();
        } catch (SQLException lostToAReconcilersInsert) {
            upsert(c, host, name, services, state); // the row appeared meanwhile: update it, as an ORM merge does
        }
    }

    private void delete(Connection c, String host, String name) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table
                + " WHERE host_uuid = ? AND name = ?")) {
            delete.setString(1, host);
            delete.setString(2, name);
            delete.executeUpdate();
        }
    }

    private void timestamp(PreparedStatement statement, int index) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        if (db.kind() == TestDatabase.Kind.SQLITE) {
            statement.setString(index, now.toString().replace('T', ' '));
        } else {
            statement.setObject(index, now);
        }
    }

    // ---- quiescent points ----

    /** Invariants 2 and 3: with no pass in flight and the deployer paused, one more pass makes the table the truth. */
    private void quiescentCheck(Map<String, List<String>> fleet) {
        quiesce.writeLock().lock();
        try {
            JdbiFleetStore store = db.store(table);
            ReconcileReport report = Reconciler.create().reconcileOnce(
                    StateFileSource.builder(stateFile).absentSettle(Duration.ZERO).build(), store, docker, HOST);
            checks.incrementAndGet();
            if (report.failed() || report.conflicts() > 0) {
                violations.add("the quiescent pass failed or conflicted: " + report);
            }
            Map<String, String> truth = new TreeMap<>();
            fleet.forEach((name, services) -> truth.put(name, aggregate(name, services) + " " + services));
            Map<String, String> table = new TreeMap<>();
            for (FleetRow row : store.read(HOST)) {
                table.put(row.name(), row.state().value() + " " + row.services());
            }
            if (!table.equals(truth)) {
                violations.add("after a quiescent pass the table is " + table + " but the truth is " + truth);
            }
            Map<String, String> peers = new TreeMap<>();
            store.read(PEER).forEach(row -> peers.put(row.name(), row.state().value()));
            if (!peers.equals(new TreeMap<>(peerRows))) {
                violations.add("the peer's rows are " + peers + " but its writer wrote " + new TreeMap<>(peerRows));
            }
        } finally {
            quiesce.writeLock().unlock();
        }
    }

    /** SPEC §2.3, written again here so that the harness does not trust the code it checks. */
    private String aggregate(String decky, List<String> services) {
        Map<String, ContainerStatus> containers = docker.containers();
        int observed = 0;
        int running = 0;
        for (String service : services) {
            ContainerStatus status = containers.get(decky + "-" + service.replace('_', '-'));
            if (status != null) {
                observed++;
                running += status.equals(ContainerStatus.of("running")) ? 1 : 0;
            }
        }
        if (observed == 0) {
            return "torn_down";
        }
        if (running == services.size()) {
            return "running";
        }
        return running == 0 ? "failed" : "degraded";
    }
}
