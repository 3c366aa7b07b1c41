package io.decnet.reconciler.docker;

import java.util.Set;

/**
 * Told when the containers an event-fed {@link DockerRuntimeInspector} sees have changed, e.g. to start a
 * reconcile pass at once rather than at the next tick. Register with {@link DockerRuntimeInspector#onChange}.
 *
 * <p>Called on the inspector's cache thread, after the change has been applied and published, so an
 * {@link DockerRuntimeInspector#observe()} made from the callback (or after it) already shows it. Calls are never
 * concurrent. <b>Return quickly</b> (signal a worker, do not run a pass in the callback): while the callback runs,
 * events queue up, and once they wait longer than a second {@code observe()} stops trusting the cache and makes a
 * list call instead. An exception thrown is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ContainerChangeListener {

    /**
     * @param names the names of the containers that appeared, disappeared or changed state (a renamed container:
     *     its old and its new name), all changes of one applied batch of events together; never empty. After the
     *     stream reconnects, the names that differ between the rebuilt view and the one last reported.
     */
    void containersChanged(Set<String> names);
}
