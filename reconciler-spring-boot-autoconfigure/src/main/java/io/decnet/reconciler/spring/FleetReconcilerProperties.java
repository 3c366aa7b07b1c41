package io.decnet.reconciler.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code fleet.reconciler.*} properties: what to reconcile, where, and how often.
 *
 * <pre>
 * fleet.reconciler.state-file=/var/lib/decnet/decnet-state.json
 * fleet.reconciler.db.url=jdbc:sqlite:/var/lib/decnet/decnet.db
 * fleet.reconciler.docker.host=unix:///var/run/docker.sock
 * fleet.reconciler.host-uuid=local
 * fleet.reconciler.interval=30s
 * </pre>
 *
 * <p>Not thread-safe: Spring binds it once at start.
 */
@ConfigurationProperties(prefix = "fleet.reconciler")
public class FleetReconcilerProperties {
    /** Whether to reconcile at all; false leaves every bean of this auto-configuration out. */
    private boolean enabled = true;
    /** DECNET's state file (decnet-state.json), the desired fleet. */
    private Path stateFile = Path.of("decnet-state.json");
    /** The host whose rows this application owns; never another host's. */
    private String hostUuid = "local";
    /** The wait between the end of a successful pass and the start of the next (1 s to 24 h). */
    private Duration interval = Duration.ofSeconds(30);
    /** How long a pass may run before it is reported as timed out (1 s to 24 h). */
    private Duration passDeadline = Duration.ofSeconds(60);
    private final Db db = new Db();
    private final Docker docker = new Docker();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Path getStateFile() {
        return stateFile;
    }

    public void setStateFile(Path stateFile) {
        this.stateFile = stateFile;
    }

    public String getHostUuid() {
        return hostUuid;
    }

    public void setHostUuid(String hostUuid) {
        this.hostUuid = hostUuid;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getPassDeadline() {
        return passDeadline;
    }

    public void setPassDeadline(Duration passDeadline) {
        this.passDeadline = passDeadline;
    }

    public Db getDb() {
        return db;
    }

    public Docker getDocker() {
        return docker;
    }

    /** The database of the {@code fleet_deckies} table. */
    public static class Db {
        /** JDBC URL of the database (SQLite, PostgreSQL, MySQL/MariaDB); its password never appears in health details. */
        private String url = "jdbc:sqlite:decnet.db";
        /** The table's name. */
        private String table = "fleet_deckies";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }
    }

    /** The Docker engine to observe. */
    public static class Docker {
        /**
         * unix:///path/to/docker.sock or tcp://host:port; unset: DOCKER_HOST (with DOCKER_TLS_VERIFY and
         * DOCKER_CERT_PATH) from the environment, else the local socket.
         */
        private String host;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }
    }
}
