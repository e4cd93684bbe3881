package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * WooCommerce: {@code X-WC-Webhook-Signature: <base64>}, HMAC-SHA256 of the raw body with the
 * webhook's secret as UTF-8. No timestamp. {@code X-WC-Webhook-Delivery-ID} identifies a delivery
 * and is not signed (nor are {@code -Source}, {@code -Topic}, {@code -Resource}, {@code -Event} and
 * {@code -ID}), so deliveries are keyed on a digest of the signed body: a replay with a fresh
 * delivery id is still a duplicate.
 *
 * <p><b>The ping.</b> When a webhook is created, WooCommerce posts {@code webhook_id=<n>} as a form
 * and expects 200; it signs nothing and sends none of the {@code X-WC-Webhook-*} headers. So the
 * ping cannot be verified, and {@link #ping} only recognises its exact shape, for a receiver to
 * answer 200 and do nothing else: the id it returns proves nothing about the sender. A request that
 * carries a signature header is never taken for a ping; it is verified like any delivery.
 *
 * @see <a href="https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks">WooCommerce:
 *     webhooks</a>
 */
public final class WooCommerce {
  /** The registry name. */
  public static final String NAME = "woocommerce";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-WC-Webhook-Signature";

  /** The delivery id header (unsigned). */
  public static final String DELIVERY_ID_HEADER = "X-WC-Webhook-Delivery-ID";

  /** The topic header (unsigned), such as {@code order.created}. */
  public static final String TOPIC_HEADER = "X-WC-Webhook-Topic";

  private static final String PING_PREFIX = "webhook_id=";

  /** The longest webhook id a ping is recognised with: digits of a 64-bit id. */
  private static final int MAX_ID_DIGITS = 19;

  private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private WooCommerce() {}

  /** A verifier builder for the webhook secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the webhook secrets of {@code keys}, configured by {@code options}.
   * WooCommerce signs no timestamp and no URL and has no legacy scheme, so no option applies: only
   * the defaults are accepted. The unsigned delivery id is not used as the idempotency key.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(DELIVERY_ID_HEADER));
  }

  /**
   * The webhook id of WooCommerce's creation ping, if {@code request} is exactly one: a POST with
   * no {@code X-WC-Webhook-Signature} header whose whole body is {@code webhook_id=} and 1 to 19
   * digits without a leading zero, at most {@link Long#MAX_VALUE}. WooCommerce does not sign the
   * ping, so this recognises its shape only: answer 200 and act on nothing (the id is the sender's
   * claim, not a verified fact). Reads at most 30 bytes of the body.
   */
  public static Optional<String> ping(WebhookRequest request) {
    if (!request.method().equals("POST") || !request.headers(SIGNATURE_HEADER).isEmpty()) {
      return Optional.empty();
    }
    int length = request.bodyLength();
    int digits = length - PING_PREFIX.length();
    if (digits < 1 || digits > MAX_ID_DIGITS) {
      return Optional.empty();
    }
    ByteBuffer body = request.body();
    StringBuilder id = new StringBuilder(digits);
    for (int i = 0; i < length; i++) {
      byte b = body.get(body.position() + i);
      if (i < PING_PREFIX.length()) {
        if (b != PING_PREFIX.charAt(i)) {
          return Optional.empty();
        }
      } else if (b < '0' || b > '9' || (i == PING_PREFIX.length() && b == '0')) {
        return Optional.empty();
      } else {
        id.append((char) b);
      }
    }
    // 19 digits can exceed a long; the id must be what the javadoc promises, a 64-bit id.
    if (digits == MAX_ID_DIGITS && id.toString().compareTo(LONG_MAX) > 0) {
      return Optional.empty();
    }
    return Optional.of(id.toString());
  }

  /** The header WooCommerce sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
