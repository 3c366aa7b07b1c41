package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.HostUuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds {@link FleetRow}s with sensible defaults: host {@value #DEFAULT_HOST}, state {@code running}, services
 * [ssh], {@code updated_at} {@link #DEFAULT_UPDATED_AT}, every nullable column NULL.
 *
 * <pre>{@code
 * FleetRow row = Rows.row("web-01").state(DeckyState.PENDING).updatedAt(clock.instant()).build();
 * FleetRow converged = Rows.rowFor(decky).build();   // same services, ip and decky_config as the decky
 * }</pre>
 *
 * <p>Stateless and thread-safe; each {@link Builder} is not thread-safe.
 */
public final class Rows {
    /** The host a built row has unless {@link Builder#host} says otherwise. */
    public static final String DEFAULT_HOST = "local";
    /** The {@code updated_at} a built row has unless {@link Builder#updatedAt} says otherwise. */
    public static final Instant DEFAULT_UPDATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private Rows() {
    }

    /** A builder for a row named {@code name} with the defaults above. */
    public static Builder row(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + Json.write(name));
        }
        return new Builder(name);
    }

    /**
     * A builder for the row that mirrors {@code decky}: its name, services, ip and {@code decky_config}, on the
     * decky's own host when it names one (else {@value #DEFAULT_HOST}), state {@code running}.
     */
    public static Builder rowFor(DeckySpec decky) {
        Objects.requireNonNull(decky, "decky");
        return row(decky.name())
                .host(decky.assignedHost().orElse(DEFAULT_HOST))
                .services(decky.services())
                .ip(decky.ip())
                .config(decky.configJson());
    }

    /**
     * Builds one {@link FleetRow}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private String host = DEFAULT_HOST;
        private List<String> services = List.of("ssh");
        private String config;
        private String ip;
        private DeckyState state = DeckyState.RUNNING;
        private String lastError;
        private String composeHash;
        private Instant lastSeen;
        private Instant updatedAt = DEFAULT_UPDATED_AT;
        private final List<String> anomalies = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The {@code host_uuid}; not blank. */
        public Builder host(String hostUuid) {
            this.host = HostUuids.require(hostUuid, h -> "host must not be blank, got " + Json.write(h));
            return this;
        }

        /** The {@code state}. */
        public Builder state(DeckyState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** The {@code state}, known to DECNET or not (e.g. {@code "quarantined"}). */
        public Builder state(String state) {
            return state(DeckyState.of(state));
        }

        /** The {@code services}, in order. */
        public Builder services(String... services) {
            return services(Arrays.asList(Objects.requireNonNull(services, "services")));
        }

        /** The {@code services}, in order. */
        public Builder services(List<String> services) {
            this.services = List.copyOf(Objects.requireNonNull(services, "services"));
            return this;
        }

        /** The {@code decky_ip}, or {@code null}. */
        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** The {@code decky_config} JSON text, or {@code null}; stored as given. */
        public Builder config(String deckyConfigJson) {
            this.config = deckyConfigJson;
            return this;
        }

        /** The {@code last_error}, or {@code null}. */
        public Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        /** The {@code compose_hash}, or {@code null}. */
        public Builder composeHash(String composeHash) {
            this.composeHash = composeHash;
            return this;
        }

        /** The {@code last_seen}, or {@code null}. */
        public Builder lastSeen(Instant lastSeen) {
            this.lastSeen = lastSeen;
            return this;
        }

        /** The {@code updated_at}. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * A row as a store reads it when its {@code updated_at} held no timestamp (garbage text, NULL): the
         * column reads as {@code null} and the row carries an anomaly saying so.
         */
        public Builder unreadableUpdatedAt() {
            this.updatedAt = null;
            return anomaly("updated_at is not a timestamp like DECNET writes");
        }

        /**
         * Something a store could not read as DECNET writes it (e.g. {@code "services is not a JSON array of
         * strings: 'oops'"}), as a real store reports it in {@link FleetRow#anomalies()}.
         */
        public Builder anomaly(String problem) {
            anomalies.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        /** The row. */
        public FleetRow build() {
            return new FleetRow(host, name, services, config, ip, state, lastError, composeHash, lastSeen,
                    updatedAt, anomalies);
        }
    }
}
