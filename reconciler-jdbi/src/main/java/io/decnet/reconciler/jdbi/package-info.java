/**
 * The {@link io.decnet.reconciler.api.FleetStore} on JDBI: {@link io.decnet.reconciler.jdbi.JdbiFleetStore} over
 * DECNET's {@code fleet_deckies} table on SQLite, PostgreSQL and MySQL/MariaDB. Everything in the
 * {@code internal} package is implementation, not API.
 */
package io.decnet.reconciler.jdbi;
