/**
 * Test kit for code that embeds fleet-reconciler: in-memory ports ({@link
 * io.decnet.reconciler.testkit.InMemoryStateSource}, {@link io.decnet.reconciler.testkit.InMemoryFleetStore},
 * {@link io.decnet.reconciler.testkit.FakeRuntime}), builders ({@link io.decnet.reconciler.testkit.Deckies},
 * {@link io.decnet.reconciler.testkit.Rows}), a {@link io.decnet.reconciler.testkit.RecordingListener} and AssertJ
 * entry points ({@link io.decnet.reconciler.testkit.FleetAssertions}). No Docker, no database.
 *
 * <pre>{@code
 * InMemoryStateSource state = InMemoryStateSource.create().fleet(Deckies.decky("web-01").services("ssh").build());
 * InMemoryFleetStore store = InMemoryFleetStore.create();
 * FakeRuntime docker = FakeRuntime.create().running("web-01", "ssh");
 *
 * ReconcileReport report = Reconciler.create().reconcileOnce(state, store, docker, "local");
 *
 * assertThat(report).hasCounts(1, 0, 0);
 * assertThat(store).hasRow("local", "web-01").withState(DeckyState.RUNNING);
 * }</pre>
 *
 * <p>The fakes pass the same contract suites ({@code ..testkit.contract}) as the real adapters. To skip the setup
 * above in every test, {@code ..testkit.junit.FleetFixtureExtension} injects a fresh fixture of these fakes.
 *
 * <p>JSON (a decky's {@code configJson}, {@link io.decnet.reconciler.testkit.Deckies#stateFileJson}) is written
 * with Jackson, and JSON text given to the builders is accepted exactly when core's state file reader would accept
 * it: bare {@code NaN} and {@code Infinity} as Python writes them, but no comments, trailing commas, leading zeros
 * or duplicate keys.
 */
package io.decnet.reconciler.testkit;
