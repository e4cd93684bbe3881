package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * LINE Messaging API: {@code X-Line-Signature: <base64>}, HMAC-SHA256 of the raw body with the
 * channel secret as UTF-8 (line-bot-sdk-java's {@code LineSignatureValidator}). No timestamp and no
 * delivery id in a header: each event in the body carries its own {@code webhookEventId} and {@code
 * deliveryContext.isRedelivery}, so a delivery's idempotency key is the digest of its signed body;
 * deduplicate events on {@code webhookEventId} in the handler.
 *
 * @see <a href="https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/">LINE:
 *     verify the webhook signature</a>
 */
public final class Line {
  /** The registry name. */
  public static final String NAME = "line";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Line-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private Line() {}

  /** A verifier for one channel secret. */
  public static WebhookVerifier verifier(WebhookSecret channelSecret) {
    return builder(KeyRing.of(channelSecret)).build();
  }

  /** A verifier builder for the channel secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the channel secrets of {@code keys}. LINE signs no timestamp and no URL
   * and has no legacy scheme, so no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header LINE sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
