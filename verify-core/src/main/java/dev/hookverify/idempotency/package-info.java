/**
 * Deduplicates deliveries: the {@link dev.hookverify.idempotency.IdempotencyStore} SPI (an atomic
 * claim answering new, in progress or completed; completion and release checked against the claim's
 * token) and its stores: {@link dev.hookverify.idempotency.InMemoryIdempotencyStore} for one
 * instance, {@link dev.hookverify.idempotency.JdbcIdempotencyStore} on any SQL database with {@code
 * java.sql} only, and {@link dev.hookverify.idempotency.RedisIdempotencyStore} through a one-method
 * {@link dev.hookverify.idempotency.RedisScripting} adapter, so core depends on no client.
 *
 * <p>A store failure is never a silent success: it is an {@link
 * dev.hookverify.idempotency.IdempotencyStoreException}, which {@link
 * dev.hookverify.IdempotentVerifier} turns into a rejection the sender retries.
 */
package dev.hookverify.idempotency;
