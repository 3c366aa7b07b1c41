/**
 * Internal to reconciler-docker: the event-fed container cache behind
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector.Builder#watchEvents(boolean)}: the daemon's event
 * stream ({@link io.decnet.reconciler.docker.internal.watch.EventStream}), the view it keeps current
 * ({@link io.decnet.reconciler.docker.internal.watch.ContainerView}, maintained by
 * {@link io.decnet.reconciler.docker.internal.watch.ViewKeeper}) and the two threads that run them
 * ({@link io.decnet.reconciler.docker.internal.watch.EventCache}).
 *
 * <p><b>Not an API</b>, like the rest of {@code io.decnet.reconciler.docker.internal}.
 */
package io.decnet.reconciler.docker.internal.watch;
