package io.decnet.reconciler.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One conditional write a {@link FleetStore} applies. Each carries the condition under which it applies, so that
 * a deploy or a teardown that wrote the row after the reconciler read it is never undone: a change whose
 * condition no longer holds is not applied and comes back as {@link WriteOutcome#CONFLICT}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RowChange {

    /** The decky this change is about. */
    String name();

    /**
     * Insert {@code row} if no row with its host and name exists.
     *
     * @param row the full row to insert
     */
    record Insert(FleetRow row) implements RowChange {
        public Insert {
            Objects.requireNonNull(row, "row");
        }

        @Override
        public String name() {
            return row.name();
        }
    }

    /**
     * Overwrite the reconciler-managed columns of row {@code name} if its {@code state} still equals
     * {@code expectedState} and its {@code updated_at} still equals {@code expectedUpdatedAt}. Unmanaged columns
     * ({@code last_error}, {@code compose_hash}) are left as they are.
     *
     * <p>A {@code null} {@code expectedUpdatedAt} stands for a row whose {@code updated_at} could not be read
     * ({@link FleetRow#updatedAt()} null): the write then applies only while the column is still unreadable.
     *
     * @param name the decky
     * @param expectedState the state that was read
     * @param expectedUpdatedAt the {@code updated_at} that was read, or {@code null} when it was unreadable
     * @param state the new state (may equal the expected one when only the configuration changes)
     * @param services the new services
     * @param deckyIp the new {@code decky_ip}, or {@code null}
     * @param deckyConfig the new {@code decky_config}, or {@code null}
     * @param lastSeen the new {@code last_seen}, or {@code null}
     * @param updatedAt the new {@code updated_at}
     */
    record Update(
            String name,
            DeckyState expectedState,
            Instant expectedUpdatedAt,
            DeckyState state,
            List<String> services,
            String deckyIp,
            String deckyConfig,
            Instant lastSeen,
            Instant updatedAt) implements RowChange {
        public Update {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expectedState, "expectedState");
            Objects.requireNonNull(state, "state");
            services = List.copyOf(Objects.requireNonNull(services, "services"));
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /**
     * Delete row {@code name} if its {@code state} still equals {@code expectedState} and its {@code updated_at}
     * still equals {@code expectedUpdatedAt} ({@code null}: is still unreadable, as for {@link Update}).
     */
    record Delete(String name, DeckyState expectedState, Instant expectedUpdatedAt) implements RowChange {
        public Delete {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expectedState, "expectedState");
        }
    }
}
