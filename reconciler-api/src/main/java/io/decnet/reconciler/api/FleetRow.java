package io.decnet.reconciler.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of DECNET's {@code fleet_deckies} table. Nullable columns are {@code null} here when NULL in the
 * table; their accessors named {@code find...} wrap them in {@link Optional}.
 *
 * <p>Timestamps are UTC instants. Stores truncate them to what the column holds (microseconds on SQLite and
 * PostgreSQL, what the column's precision allows on MySQL/MariaDB); a row read back carries the stored value,
 * and that is the value conditional writes compare against.
 *
 * <p>A store reads every row whatever its content (SPEC §2.2: nothing in one row may stop a pass): a column it
 * could not understand is read as the nearest neutral value (no services, a NULL timestamp) and named in
 * {@link #anomalies()}, and the pass reports the row as an {@link OddRow}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostUuid primary key part 1
 * @param name primary key part 2
 * @param services the {@code services} JSON array, decoded
 * @param deckyConfig the {@code decky_config} JSON object text as stored, or {@code null}
 * @param deckyIp the {@code decky_ip} column, or {@code null}
 * @param state the {@code state} column, known to DECNET or not
 * @param lastError the {@code last_error} column, or {@code null}
 * @param composeHash the {@code compose_hash} column, or {@code null}
 * @param lastSeen when a reconciler last observed Docker for this row, or {@code null}
 * @param updatedAt when the row was last written, or {@code null} when the column held no timestamp the store could
 *     read (conditional writes then require it to be still unreadable, see {@link RowChange.Update})
 * @param anomalies what the store could not read as DECNET writes it, one phrase per column (e.g.
 *     {@code "services is not a JSON array of strings: 'oops'"}); empty for a well-formed row
 */
public record FleetRow(
        String hostUuid,
        String name,
        List<String> services,
        String deckyConfig,
        String deckyIp,
        DeckyState state,
        String lastError,
        String composeHash,
        Instant lastSeen,
        Instant updatedAt,
        List<String> anomalies) {

    public FleetRow {
        Objects.requireNonNull(hostUuid, "hostUuid");
        Objects.requireNonNull(name, "name");
        services = List.copyOf(Objects.requireNonNull(services, "services"));
        Objects.requireNonNull(state, "state");
        anomalies = List.copyOf(Objects.requireNonNull(anomalies, "anomalies"));
    }

    /** A well-formed row (no {@linkplain #anomalies() anomalies}); {@code updatedAt} must not be null. */
    public FleetRow(String hostUuid, String name, List<String> services, String deckyConfig, String deckyIp,
            DeckyState state, String lastError, String composeHash, Instant lastSeen, Instant updatedAt) {
        this(hostUuid, name, services, deckyConfig, deckyIp, state, lastError, composeHash, lastSeen,
                Objects.requireNonNull(updatedAt, "updatedAt"), List.of());
    }

    public Optional<Instant> findUpdatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    public Optional<String> findDeckyConfig() {
        return Optional.ofNullable(deckyConfig);
    }

    public Optional<String> findDeckyIp() {
        return Optional.ofNullable(deckyIp);
    }

    public Optional<String> findLastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<String> findComposeHash() {
        return Optional.ofNullable(composeHash);
    }

    public Optional<Instant> findLastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /** This row with another state and update time (a convenience for stores and tests); anomalies are kept. */
    public FleetRow withState(DeckyState newState, Instant newUpdatedAt) {
        return new FleetRow(hostUuid, name, services, deckyConfig, deckyIp, newState, lastError, composeHash,
                lastSeen, newUpdatedAt, anomalies);
    }
}
