/**
 * Ports and value types of fleet-reconciler.
 *
 * <p>The reconciler reads three sources of truth through three ports:
 * {@link io.decnet.reconciler.api.StateSource} (what the DECNET CLI deployed, {@code decnet-state.json}),
 * {@link io.decnet.reconciler.api.FleetStore} (the {@code fleet_deckies} table) and
 * {@link io.decnet.reconciler.api.RuntimeInspector} (what Docker runs). Inputs that can be missing or broken
 * say so in their type ({@link io.decnet.reconciler.api.DesiredFleet},
 * {@link io.decnet.reconciler.api.RuntimeObservation}); nothing here returns {@code null} for "not there".
 *
 * <p>This module has no dependencies. Every type in it is immutable and thread-safe unless its javadoc says
 * otherwise.
 */
package io.decnet.reconciler.api;
