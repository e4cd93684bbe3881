package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Razorpay: {@code X-Razorpay-Signature: <hex>}, HMAC-SHA256 of the raw body with the webhook
 * secret set in the dashboard (not the API key secret), as UTF-8. No timestamp. {@code
 * X-Razorpay-Event-Id} identifies the event across retries and is not signed. razorpay-java hashes
 * the body with the platform charset; hookverify hashes the bytes received.
 *
 * @see <a href="https://razorpay.com/docs/webhooks/validate-test/">Razorpay: validate and test
 *     webhooks</a>
 */
public final class Razorpay {
  /** The registry name. */
  public static final String NAME = "razorpay";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Razorpay-Signature";

  /** The event id header (unsigned). */
  public static final String EVENT_ID_HEADER = "X-Razorpay-Event-Id";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Razorpay() {}

  /** A verifier for one webhook secret. */
  public static WebhookVerifier verifier(WebhookSecret webhookSecret) {
    return builder(KeyRing.of(webhookSecret)).build();
  }

  /** A verifier builder for the webhook secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the webhook secrets of {@code keys}, configured by {@code options}.
   * Razorpay signs no timestamp and no URL and has no legacy scheme, so no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(EVENT_ID_HEADER));
  }

  /** The headers Razorpay sends for {@code body}: the signature and the event id. */
  static Map<String, String> sign(WebhookSecret secret, String eventId, byte[] body) {
    return Signed.headers(
        SIGNATURE_HEADER, SCHEME.signature(secret, body), EVENT_ID_HEADER, eventId);
  }
}
