/**
 * Micrometer metrics of the reconcile passes: {@link io.decnet.reconciler.micrometer.ReconcilerMetrics}, a
 * {@code MeterBinder} and the worker's {@code PassListener}.
 */
package io.decnet.reconciler.micrometer;
