/**
 * AssertJ assertion classes behind {@link io.decnet.reconciler.testkit.FleetAssertions}; their failure messages
 * list what was actually there.
 */
package io.decnet.reconciler.testkit.assertions;
