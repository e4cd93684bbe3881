package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Sentry integration-platform webhooks: {@code Sentry-Hook-Signature: <hex>}, HMAC-SHA256 of the
 * raw body with the integration's client secret. {@code Sentry-Hook-Timestamp} is sent but not
 * signed, so it is not checked. {@code Request-ID} identifies a delivery and is not signed.
 *
 * @see <a href="https://docs.sentry.io/organization/integrations/integration-platform/webhooks/">
 *     Sentry: integration platform webhooks</a>
 */
public final class Sentry {
  /** The registry name. */
  public static final String NAME = "sentry";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Sentry-Hook-Signature";

  /** The delivery id header (unsigned). */
  public static final String REQUEST_ID_HEADER = "Request-ID";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Sentry() {}

  /** A verifier builder for the client secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the client secrets of {@code keys}, configured by {@code options}.
   * Sentry signs no timestamp and no URL and has no legacy scheme, so no option applies: only the
   * defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(REQUEST_ID_HEADER));
  }

  /** The header Sentry sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
