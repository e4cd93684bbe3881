/**
 * hookverify core: verifies incoming webhooks (HMAC and public-key signatures, shared tokens,
 * timestamps, key rings, per-tenant keys) and deduplicates deliveries through an idempotency store.
 *
 * <p>{@code dev.hookverify} (the verification API) and {@code dev.hookverify.idempotency} (the
 * store SPI and its stores) are exported. {@code dev.hookverify.internal} (the one constant-time
 * comparison, the one SHA-256 helper, the one URI parser, the decoders) is exported only to
 * hookverify's own modules, so every module shares those sites and no application depends on them.
 */
@SuppressWarnings("module") // the qualified targets are built after core
module dev.hookverify.core {
  requires transitive java.sql;

  exports dev.hookverify;
  exports dev.hookverify.idempotency;
  exports dev.hookverify.inbox;
  exports dev.hookverify.audit;
  exports dev.hookverify.internal to
      dev.hookverify.providers,
      dev.hookverify.servlet,
      dev.hookverify.jaxrs,
      dev.hookverify.micrometer,
      dev.hookverify.spring.autoconfigure;
}
