/**
 * Spring Boot auto-configuration: {@link io.decnet.reconciler.spring.FleetReconcilerAutoConfiguration}, configured
 * by {@link io.decnet.reconciler.spring.FleetReconcilerProperties} ({@code fleet.reconciler.*}).
 */
package io.decnet.reconciler.spring;
