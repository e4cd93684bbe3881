package dev.hookverify.inbox;

import static dev.hookverify.Signing.base64;
import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerificationListener;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Real deliveries for the inbox tests, verified by verifiers built from core alone: GitHub's layout
 * (HMAC of the body, an unsigned delivery id header) and Standard Webhooks' layout with per-tenant
 * keys (signed id and timestamp).
 */
public final class Deliveries {
  public static final byte[] SECRET = utf8("inbox-test-secret");
  public static final byte[] TENANT_SECRET = utf8("inbox-test-tenant-secret");

  private Deliveries() {}

  /**
   * GitHub's layout: {@code X-Hub-Signature-256} over the body; unsigned {@code X-GitHub-Delivery}.
   */
  public static WebhookVerifier github(VerificationListener listener) {
    WebhookVerifier.Builder b =
        WebhookVerifier.builder("github")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .deliveryId(DeliveryIdSource.header("X-GitHub-Delivery"));
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  public static WebhookVerifier github() {
    return github(null);
  }

  /** A request GitHub would send with {@code body}; {@code headers} are name, value pairs. */
  public static WebhookRequest github(byte[] body, String... headers) {
    WebhookRequest.Builder b =
        WebhookRequest.builder()
            .header(
                "X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, body)))
            .body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  /** Standard Webhooks' layout, keys per tenant ({@code X-Tenant}): the id is signed. */
  public static WebhookVerifier standard(VerificationListener listener) {
    return standard(
        listener,
        TenantKeys.of(
            Map.of(
                "acme",
                KeyRing.builder().add("acme-2026", WebhookSecret.ofBytes(TENANT_SECRET)).build())));
  }

  /** {@link #standard()} where every tenant is known and shares one key. */
  public static WebhookVerifier anyTenant() {
    KeyRing ring = KeyRing.builder().add("shared", WebhookSecret.ofBytes(TENANT_SECRET)).build();
    return standard(null, tenant -> java.util.Optional.of(ring));
  }

  private static WebhookVerifier standard(VerificationListener listener, TenantKeys tenants) {
    WebhookVerifier.Builder b =
        WebhookVerifier.builder("standard")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("webhook-signature")
                            .list(' ', ',', "v1")
                            .encoding(SignatureEncoding.BASE64)
                            .build())
                    .signedContent(
                        SignedContent.builder()
                            .header("webhook-id")
                            .literal(".")
                            .timestamp()
                            .literal(".")
                            .body()
                            .build())
                    .timestampHeader("webhook-timestamp")
                    .timestampPolicy(
                        TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS))
                    .tenantKeys(TenantResolver.header("X-Tenant"), tenants)
                    .build())
            .deliveryId(DeliveryIdSource.header("webhook-id"));
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  public static WebhookVerifier standard() {
    return standard(null);
  }

  /** A Standard Webhooks delivery for tenant {@code acme}; {@code headers} are extra pairs. */
  public static WebhookRequest standard(String id, long timestamp, byte[] body, String... headers) {
    return standardFor("acme", id, timestamp, body, headers);
  }

  /** A Standard Webhooks delivery for {@code tenant}; {@code headers} are extra pairs. */
  public static WebhookRequest standardFor(
      String tenant, String id, long timestamp, byte[] body, String... headers) {
    String ts = Long.toString(timestamp);
    WebhookRequest.Builder b =
        WebhookRequest.builder()
            .header("X-Tenant", tenant)
            .header("webhook-id", id)
            .header("webhook-timestamp", ts)
            .header(
                "webhook-signature",
                "v1,"
                    + base64(
                        hmac(HmacAlgorithm.SHA256, TENANT_SECRET, utf8(id + "." + ts + "."), body)))
            .body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  /** {@code request} verified by {@code verifier}; a rejection fails the test. */
  public static VerifiedWebhook verified(WebhookVerifier verifier, WebhookRequest request) {
    try {
      return verifier.verify(request);
    } catch (WebhookVerificationException e) {
      throw new AssertionError("the test's delivery did not verify: " + e.reason(), e);
    }
  }
}
