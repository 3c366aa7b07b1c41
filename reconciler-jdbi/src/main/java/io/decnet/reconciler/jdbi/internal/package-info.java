/**
 * Internal to reconciler-jdbi: the implementation behind {@link io.decnet.reconciler.jdbi.JdbiFleetStore} and
 * {@link io.decnet.reconciler.jdbi.JdbcUrls} (dialects, schema, leases, error translation, credential masking).
 *
 * <p><b>Not an API.</b> Its types are public only so that the module's public package can use them; they may
 * change or disappear in any release without notice. Do not use them from outside reconciler-jdbi (the
 * architecture test of reconciler-cli fails any class of another module that does); use
 * {@link io.decnet.reconciler.jdbi} instead.
 */
package io.decnet.reconciler.jdbi.internal;
