/**
 * The {@link io.decnet.reconciler.api.StateSource} for DECNET's {@code decnet-state.json}:
 * {@link io.decnet.reconciler.core.statefile.StateFileSource}.
 */
package io.decnet.reconciler.core.statefile;
