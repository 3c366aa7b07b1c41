/**
 * The reconcile pass: {@link io.decnet.reconciler.core.Reconciler} reads the three snapshots, plans with a pure
 * function of them ({@link io.decnet.reconciler.core.Plan}) under a
 * {@link io.decnet.reconciler.core.ReconcilePolicy}, and applies the plan through the
 * {@link io.decnet.reconciler.api.FleetStore} port in one call.
 */
package io.decnet.reconciler.core;
