package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Typeform: {@code Typeform-Signature: sha256=<base64>} (base64, not hex), HMAC-SHA256 of the raw
 * body with the webhook's secret. No timestamp; the body's {@code event_id} is the (signed)
 * delivery id.
 *
 * @see <a href="https://www.typeform.com/developers/webhooks/secure-your-webhooks/">Typeform:
 *     secure your webhooks</a>
 */
public final class Typeform {
  /** The registry name. */
  public static final String NAME = "typeform";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Typeform-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "sha256=", SignatureEncoding.BASE64);

  private Typeform() {}

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}. Typeform
   * signs no timestamp and no URL and has no legacy scheme, so no option applies: only the defaults
   * are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(JsonFields.deliveryId("event_id"));
  }

  /** The header Typeform sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
