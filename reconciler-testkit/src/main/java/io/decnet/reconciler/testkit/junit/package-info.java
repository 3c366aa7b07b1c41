/**
 * JUnit 5 support: {@link io.decnet.reconciler.testkit.junit.FleetFixtureExtension} hands each test a fresh
 * {@link io.decnet.reconciler.testkit.junit.FleetFixture} (state source, store, runtime, clock, listener, host), and
 * {@link io.decnet.reconciler.testkit.junit.ExternalService} fails a test that needs a real service in CI when the
 * service is missing, and skips it elsewhere.
 */
package io.decnet.reconciler.testkit.junit;
