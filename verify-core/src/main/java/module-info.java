/**
 * hookverify core: verifies incoming webhooks (HMAC signatures, shared tokens, timestamps, key
 * rings, per-tenant keys) and deduplicates deliveries through an idempotency store.
 *
 * <p>Only {@code dev.hookverify} (the verification API) and {@code dev.hookverify.idempotency} (the
 * store SPI and its stores) are exported. {@code dev.hookverify.internal} is not.
 */
module dev.hookverify.core {
  requires transitive java.sql;

  exports dev.hookverify;
  exports dev.hookverify.idempotency;
}
