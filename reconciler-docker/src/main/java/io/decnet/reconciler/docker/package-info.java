/**
 * The {@link io.decnet.reconciler.api.RuntimeInspector} port on a real Docker daemon:
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector}, built with
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector#fromEnvironment()} or
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector#builder()}: one list call per observation, or, with
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector.Builder#watchEvents(boolean) watchEvents(true)}, a
 * view kept current by the daemon's event stream ({@link io.decnet.reconciler.docker.ContainerChangeListener},
 * {@link io.decnet.reconciler.docker.EventCacheStatus}).
 *
 * <p>docker-java (with the Apache httpclient5 transport) is an implementation detail: no docker-java type
 * appears in this package's API, and its exceptions are translated into unreachable observations at the edge.
 * Everything under {@code io.decnet.reconciler.docker.internal} is not API.
 */
package io.decnet.reconciler.docker;
