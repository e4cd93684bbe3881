package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Heroku app webhooks: {@code Heroku-Webhook-Hmac-SHA256: <base64>}, HMAC-SHA256 of the raw body
 * with the webhook subscription's {@code secret} as UTF-8. {@code Heroku-Webhook-Sent-At} is not
 * signed, so it is not checked. {@code Heroku-Webhook-Id} identifies a delivery and is not signed;
 * the event's own {@code id} is in the signed body.
 *
 * @see <a href="https://devcenter.heroku.com/articles/app-webhooks#securing-webhook-requests">
 *     Heroku: securing webhook requests</a>
 */
public final class Heroku {
  /** The registry name. */
  public static final String NAME = "heroku";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Heroku-Webhook-Hmac-SHA256";

  /** The delivery id header (unsigned). */
  public static final String WEBHOOK_ID_HEADER = "Heroku-Webhook-Id";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private Heroku() {}

  /** A verifier builder for the webhook secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the webhook secrets of {@code keys}, configured by {@code options}.
   * Heroku signs no timestamp and no URL and has no legacy scheme, so no option applies: only the
   * defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(WEBHOOK_ID_HEADER));
  }

  /** The header Heroku sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
