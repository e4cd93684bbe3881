package dev.hookverify.example;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;

/** The documentation's remaining examples, compiled here and run by {@code ExamplesTest}. */
final class Examples {
  private Examples() {}

  /** A Stripe-style layout: timestamp and signatures in one header, two-sided tolerance. */
  static WebhookVerifier stripeStyle(String secret) {
    return WebhookVerifier.builder("stripe")
        .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(SignatureHeader.builder("Stripe-Signature")
                .list(',', '=', "v1").timestampKey("t").build())
            .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
            .timestampPolicy(TimestampPolicy.secondsWithin(Duration.ofMinutes(5)))
            .secret(WebhookSecret.ofUtf8(secret))
            .build())
        .build();
  }

  /** A Standard Webhooks-style layout: the signed id, timestamp and body, base64 signatures. */
  static WebhookVerifier standardWebhooksStyle(String base64Secret) {
    return WebhookVerifier.builder("standard-webhooks")
        .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(SignatureHeader.builder("webhook-signature")
                .list(' ', ',', "v1").encoding(SignatureEncoding.BASE64).build())
            .signedContent(SignedContent.builder()
                .header("webhook-id").literal(".").timestamp().literal(".").body().build())
            .timestampHeader("webhook-timestamp")
            .secret(WebhookSecret.ofBase64(base64Secret))
            .build())
        .deliveryId(DeliveryIdSource.header("webhook-id"))
        .build();
  }

  /** Rotation: both keys verify while the sender moves over; the old one stops at a set time. */
  static WebhookVerifier rotation(String oldSecret, String newSecret, Instant oldKeyRetires) {
    KeyRing keys = KeyRing.builder()
        .add("2026-05", WebhookSecret.ofUtf8(oldSecret), Instant.MIN, oldKeyRetires)
        .add("2026-11", WebhookSecret.ofUtf8(newSecret))
        .build();
    return WebhookVerifier.builder("github")
        .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(
                SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
            .keys(keys)
            .build())
        .build();
  }

  /** Per-organization Bearer tokens or HMAC, the organization named in a header. */
  static WebhookVerifier perTenant(Map<String, KeyRing> keysByOrganization) {
    TenantResolver organization = TenantResolver.header("X-Organization-Id");
    TenantKeys keys = TenantKeys.of(keysByOrganization);
    return WebhookVerifier.builder("voice-platform")
        .authenticator(TokenAuthenticator.bearer().tenantKeys(organization, keys).build())
        .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(SignatureHeader.builder("X-Signature").build())
            .tenantKeys(organization, keys)
            .build())
        .build();
  }

  /** Deduplication shared by every instance, in PostgreSQL. */
  static IdempotentVerifier withPostgres(WebhookVerifier verifier, DataSource dataSource) {
    JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).build();
    // Run store.createTableSql() once with your migrations.
    return IdempotentVerifier.builder(verifier, store)
        .lease(Duration.ofMinutes(2))
        .retention(Duration.ofDays(7))
        .build();
  }

  /** Deduplication shared by every instance, in Redis through Jedis. */
  static IdempotentVerifier withRedis(WebhookVerifier verifier, JedisPooled jedis) {
    return IdempotentVerifier.builder(verifier, new RedisIdempotencyStore(jedis::eval)).build();
  }
}
