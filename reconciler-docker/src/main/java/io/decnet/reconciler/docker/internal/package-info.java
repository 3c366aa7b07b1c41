/**
 * Internal to reconciler-docker: the implementation behind
 * {@link io.decnet.reconciler.docker.DockerRuntimeInspector} (endpoint and TLS settings, the docker-java client,
 * deadlines, container states, failure reasons).
 *
 * <p><b>Not an API.</b> Its types are public only so that the module's public package can use them; they may
 * change or disappear in any release without notice. Do not use them from outside reconciler-docker (the
 * architecture test of reconciler-cli fails any class of another module that does); use
 * {@link io.decnet.reconciler.docker} instead.
 */
package io.decnet.reconciler.docker.internal;
