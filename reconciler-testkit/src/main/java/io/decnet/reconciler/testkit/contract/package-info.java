/**
 * Abstract JUnit 5 suites that pin down the ports' contracts. Every adapter's test extends one and implements its
 * few abstract methods; the testkit's own fakes pass them too, which keeps the fakes honest.
 */
package io.decnet.reconciler.testkit.contract;
