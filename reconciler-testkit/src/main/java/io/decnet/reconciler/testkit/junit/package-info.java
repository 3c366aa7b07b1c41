/** JUnit helpers for tests that need a real service: fail in CI when it is missing, skip elsewhere. */
package io.decnet.reconciler.testkit.junit;
