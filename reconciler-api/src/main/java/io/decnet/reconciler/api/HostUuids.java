package io.decnet.reconciler.api;

import java.util.function.UnaryOperator;

/**
 * The rules for a host id ({@code host_uuid}, DECNET's own host is {@code "local"}), in one place for the
 * reconciler, the stores and the leases: a host id is not {@code null} and not blank, and a store applies changes
 * for one host only. Stateless, thread-safe.
 *
 * <pre>{@code
 * public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
 *     HostUuids.require(hostUuid);
 *     changes.forEach(change -> HostUuids.requireSameHost(hostUuid, change));
 *     ...
 * }
 * }</pre>
 */
public final class HostUuids {
    private HostUuids() {
    }

    /** Whether {@code hostUuid} names no host: it is {@code null}, empty or only white space. */
    public static boolean isBlank(String hostUuid) {
        return hostUuid == null || hostUuid.isBlank();
    }

    /**
     * {@code hostUuid}, if it names a host.
     *
     * @throws IllegalArgumentException when it is {@code null} or blank
     *     ({@code hostUuid must not be blank; got ' '}, or {@code got null}), or has white space around it or a
     *     control or format character in it (never trimmed into another host's id)
     */
    public static String require(String hostUuid) {
        return require(hostUuid, h -> "hostUuid must not be blank; got " + (h == null ? "null" : "'" + h + "'"));
    }

    /**
     * {@code hostUuid}, if it names a host.
     *
     * @param message the exception's message for the {@code hostUuid} given, for a caller whose message names its
     *     own parameter or operation
     * @throws IllegalArgumentException when it is {@code null} or blank ({@code message}), or padded or holding a
     *     control or format character
     */
    public static String require(String hostUuid, UnaryOperator<String> message) {
        if (isBlank(hostUuid)) {
            throw new IllegalArgumentException(message.apply(hostUuid));
        }
        if (!hostUuid.strip().equals(hostUuid) || hostUuid.codePoints().anyMatch(HostUuids::isControl)) {
            // Never trimmed: ' local' trimmed to 'local' would reconcile (and delete) another host's rows.
            throw new IllegalArgumentException("hostUuid " + Printable.quoted(hostUuid) + " has white space around "
                    + "it or a control character in it; give the host id exactly as DECNET stores it");
        }
        return hostUuid;
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /**
     * Checks that {@code change}, applied for host {@code hostUuid}, writes a row of that host: an update or a
     * delete names a row of the host it is applied for, an insert carries a whole row and with it a host.
     *
     * @throws IllegalArgumentException when {@code change} inserts a row of another host
     */
    public static void requireSameHost(String hostUuid, RowChange change) {
        if (change instanceof RowChange.Insert insert && !insert.row().hostUuid().equals(hostUuid)) {
            throw new IllegalArgumentException("insert of '" + insert.name() + "' is for host '"
                    + insert.row().hostUuid() + "' but apply was called for host '" + hostUuid
                    + "'; a store never writes another host's rows");
        }
    }
}
