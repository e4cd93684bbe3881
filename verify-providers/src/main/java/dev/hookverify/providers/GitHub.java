package dev.hookverify.providers;

import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 of the raw body with the webhook
 * secret as UTF-8. No timestamp, so no replay window: pair it with an {@code IdempotentVerifier}.
 * The legacy {@code X-Hub-Signature: sha1=<hex>} is accepted only when explicitly enabled. The
 * delivery id {@code X-GitHub-Delivery} is not signed.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries">
 *     GitHub: validating webhook deliveries</a>
 */
public final class GitHub {
  /** The registry name. */
  public static final String NAME = "github";

  /** The SHA-256 signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The legacy SHA-1 signature header. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-Hub-Signature";

  /** The delivery id header (unsigned). */
  public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "sha256=", SignatureEncoding.HEX);
  static final BodyHmac LEGACY =
      new BodyHmac(HmacAlgorithm.SHA1, LEGACY_SIGNATURE_HEADER, "sha1=", SignatureEncoding.HEX);

  private GitHub() {}

  /** A verifier for one webhook secret, SHA-256 only. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}, SHA-256 only. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder that also accepts the legacy SHA-1 header when the SHA-256 one is absent.
   * SHA-1 HMAC is not broken, but GitHub keeps it only for compatibility: enable it knowingly.
   */
  public static WebhookVerifier.Builder builderAcceptingLegacySha1(KeyRing keys) {
    return builder(keys, ProviderOptions.builder().legacySchemes(true).build());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}: with legacy
   * schemes on, as {@link #builderAcceptingLegacySha1}; otherwise SHA-256 only.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but legacy schemes
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.LEGACY_SCHEMES);
    // SHA-1 only when the SHA-256 header is absent: a wrong SHA-256 signature is a rejection.
    Authenticator authenticator =
        options.legacySchemes()
            ? Authenticator.withFallback(SCHEME.authenticator(keys), LEGACY.authenticator(keys))
            : SCHEME.authenticator(keys);
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator)
        .deliveryId(DeliveryIdSource.header(DELIVERY_HEADER));
  }

  /** The headers GitHub sends for {@code body} (both signatures, and the delivery id). */
  static Map<String, String> sign(WebhookSecret secret, String deliveryId, byte[] body) {
    return Signed.headers(
        SIGNATURE_HEADER, SCHEME.signature(secret, body),
        LEGACY_SIGNATURE_HEADER, LEGACY.signature(secret, body),
        DELIVERY_HEADER, deliveryId);
  }
}
