/**
 * Abstract JUnit 5 suites that pin down the ports' contracts. Every adapter's test extends one and implements its
 * few abstract methods; the testkit's own fakes pass them too, which keeps the fakes honest.
 *
 * <p>Each suite groups its tests into named parts, non-static {@code @Nested} inner classes: JUnit runs them for
 * every concrete subclass, with the subclass's fields, {@code @BeforeEach} and {@code @AfterEach} methods in effect.
 * A subclass adds its own tests at its top level, as before.
 */
package io.decnet.reconciler.testkit.contract;
