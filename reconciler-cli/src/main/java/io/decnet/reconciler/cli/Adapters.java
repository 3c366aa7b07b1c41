package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.FleetEventListener;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.ReconcilerException;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.core.events.JsonLinesEventListener;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three adapters (state file, database, Docker) and the event writer, opened from {@link Settings}. Every
 * failure to open one becomes a {@link UsageError} naming the flag to fix. Closes what it opened.
 */
final class Adapters implements AutoCloseable {
    private final StateSource state;
    private final JdbiFleetStore store;
    private final DockerRuntimeInspector docker;
    private final FleetEventListener events;
    private final WriterLease lease;
    private final List<AutoCloseable> opened;

    private Adapters(StateSource state, JdbiFleetStore store, DockerRuntimeInspector docker, FleetEventListener events,
            List<AutoCloseable> opened) {
        this.state = state;
        this.store = store;
        this.lease = store.writerLease();
        this.docker = docker;
        this.events = events;
        this.opened = opened;
    }

    static Adapters open(Settings s, CliEnvironment env) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            StateSource state = StateFileSource.of(s.stateFile());
            DockerRuntimeInspector docker = openDocker(s, env);
            opened.add(docker);
            JdbiFleetStore store = openStore(s);
            opened.add(store);
            FleetEventListener events = openEvents(s, env);
            if (events instanceof AutoCloseable c) {
                opened.add(c);
            }
            return new Adapters(state, store, docker, events, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Refuses a state file whose directory does not exist: that is a wrong path, not a teardown (DECNET's teardown
     * removes the file, never its directory), and taking it as an empty fleet would delete every row of the host.
     * A missing file in an existing directory is left to the pass, which takes it as an empty fleet.
     */
    static void requireStateFile(Settings s) {
        Path file = s.stateFile();
        if (!Files.notExists(file)) {
            return; // there, or not knowable (no permission): the state source reports which
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && Files.notExists(dir)) {
            throw new UsageError("state_file_directory_missing", "state file " + file + " (from "
                    + s.stateOrigin() + ") does not exist, nor does its directory " + dir + "; nothing was changed. "
                    + "Point --state (or " + Settings.STATE_ENV + ") at DECNET's decnet-state.json", null);
        }
    }

    private static DockerRuntimeInspector openDocker(Settings s, CliEnvironment env) {
        try {
            DockerRuntimeInspector.Builder docker = DockerRuntimeInspector.builder().environment(env.vars())
                    .dockerHost(s.dockerHost())
                    .watchEvents(s.mode() == Settings.Mode.LONG_LIVED && s.dockerEvents());
            if (s.dockerTls() != null) {
                docker.tls(s.dockerTls());
            } else if (s.dockerOrigin().startsWith("Docker context")) {
                docker.tlsVerify(false); // a context without TLS material: plain, whatever DOCKER_TLS_VERIFY says
            }
            return docker.build();
        } catch (IllegalArgumentException | ReconcilerException e) {
            throw new UsageError("docker_unusable", "Docker host '" + Redaction.mask(s.dockerHost()) + "' (from "
                    + s.dockerOrigin() + ") is unusable: " + e.getMessage()
                    + " (set --docker-host or " + Settings.DOCKER_ENV + ")", e);
        }
    }

    private static JdbiFleetStore openStore(Settings s) {
        try {
            return JdbiFleetStore.builder().jdbcUrl(s.dbUrl()).readOnly(s.dryRun()).build();
        } catch (IllegalArgumentException | ReconcilerException e) {
            throw new UsageError("database_unavailable", "database " + s.maskedDbUrl() + " (from --db or "
                    + Settings.DB_ENV + ") cannot be opened: " + Redaction.scrub(e.getMessage(), s.dbUrl()), e);
        }
    }

    private static FleetEventListener openEvents(Settings s, CliEnvironment env) {
        if (s.events() == null) {
            return FleetEventListener.NONE;
        }
        if ("-".equals(s.events())) {
            return JsonLinesEventListener.writingTo(env.out());
        }
        try {
            return JsonLinesEventListener.appendingTo(Path.of(s.events()));
        } catch (ReconcilerException e) {
            throw new UsageError("events_file_unusable", e.getMessage() + " (check --events)", e);
        }
    }

    StateSource state() {
        return state;
    }

    FleetStore store() {
        return store;
    }

    /** The store itself, for what only a database can answer (rows of every host, for {@code status}). */
    JdbiFleetStore database() {
        return store;
    }

    /** The Docker inspector: a {@code RuntimeInspector}, with its event cache's status and change notices. */
    DockerRuntimeInspector docker() {
        return docker;
    }

    FleetEventListener events() {
        return events;
    }

    /** The one-writer-per-host lease of the store ({@link WriterLease#NONE} for a dry run's read-only store). */
    WriterLease lease() {
        return lease;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // Closing a file or connection we are done with: the run's outcome is already decided.
            }
        }
        opened.clear();
    }
}
