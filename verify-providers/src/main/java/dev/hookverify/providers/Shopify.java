package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Shopify: {@code X-Shopify-Hmac-Sha256: <base64>} (the Events product drops the {@code X-}),
 * HMAC-SHA256 of the raw body with the app's client secret as UTF-8. No timestamp. The delivery id
 * {@code X-Shopify-Webhook-Id} survives retries but is not signed. During a secret rotation Shopify
 * may sign with the old secret for up to an hour: keep both in the key ring.
 *
 * @see <a href="https://shopify.dev/docs/apps/build/webhooks/verify-deliveries">Shopify: verify
 *     webhook deliveries</a>
 */
public final class Shopify {
  /** The registry name. */
  public static final String NAME = "shopify";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Shopify-Hmac-Sha256";

  /** The signature header of the Events product. */
  public static final String EVENTS_SIGNATURE_HEADER = "Shopify-Hmac-Sha256";

  /** The delivery id header (unsigned). */
  public static final String WEBHOOK_ID_HEADER = "X-Shopify-Webhook-Id";

  private Shopify() {}

  /** A verifier for one client secret. */
  public static WebhookVerifier verifier(WebhookSecret clientSecret) {
    return builder(KeyRing.of(clientSecret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}. Shopify
   * signs no timestamp and no URL and has no legacy scheme, so no option applies: only the defaults
   * are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER, EVENTS_SIGNATURE_HEADER)
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .signedContent(SignedContent.body())
                .keys(keys)
                .build())
        .deliveryId(DeliveryIdSource.header(WEBHOOK_ID_HEADER));
  }

  /** The headers Shopify sends. */
  static Map<String, String> sign(WebhookSecret secret, String webhookId, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = SignedContent.body().hmac(HmacAlgorithm.SHA256, secret, request, "");
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(tag), WEBHOOK_ID_HEADER, webhookId);
  }
}
