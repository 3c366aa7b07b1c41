/**
 * The {@code fleet-reconciler} command (picocli): {@code reconcile --once} and the long-lived worker, wiring the
 * state file reader, the JDBI store and the Docker inspector. Only {@link io.decnet.reconciler.cli.Main} is public.
 */
package io.decnet.reconciler.cli;
