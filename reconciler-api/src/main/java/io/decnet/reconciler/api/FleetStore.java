package io.decnet.reconciler.api;

import java.util.List;

/**
 * Port: DECNET's {@code fleet_deckies} table, seen from one host.
 *
 * <p>Every method takes the {@code hostUuid} it works on and never reads or writes a row of another host.
 * Implementations must be thread-safe.
 *
 * <p>Contract (checked by the testkit's {@code FleetStoreContract}, which every implementation should extend):
 * <ul>
 *   <li>{@link #read} returns exactly the rows of that host, in one read;</li>
 *   <li>{@link #apply} applies the changes in one transaction, each under its own condition (see
 *       {@link RowChange}); a change whose condition fails is skipped and reported as
 *       {@link WriteOutcome#CONFLICT} without failing the others; if anything else goes wrong it throws
 *       {@link FleetStoreException} and nothing of the call is applied.</li>
 * </ul>
 */
public interface FleetStore {

    /**
     * The rows of {@code hostUuid}.
     *
     * @throws FleetStoreException when the store cannot be read
     */
    List<FleetRow> read(String hostUuid);

    /**
     * Applies {@code changes} to the rows of {@code hostUuid}, all or nothing.
     *
     * @return one outcome per change, in the order of {@code changes}
     * @throws FleetStoreException when the store cannot be written; nothing was applied
     */
    List<WriteOutcome> apply(String hostUuid, List<RowChange> changes);
}
