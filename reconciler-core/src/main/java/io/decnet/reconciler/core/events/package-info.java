/**
 * Committed transitions in DECNET's bus shape: {@link io.decnet.reconciler.core.events.BusMessage} (topic
 * {@code decky.<host_uuid>:<name>.state} and payload) and {@link
 * io.decnet.reconciler.core.events.JsonLinesEventListener}, which writes them as JSON lines for a host to forward.
 */
package io.decnet.reconciler.core.events;
