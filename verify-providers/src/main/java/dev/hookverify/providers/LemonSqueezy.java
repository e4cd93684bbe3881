package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Lemon Squeezy: {@code X-Signature: <hex>}, HMAC-SHA256 of the raw body with the signing secret
 * chosen when the webhook was created. No timestamp and no delivery id header.
 *
 * @see <a href="https://docs.lemonsqueezy.com/help/webhooks/signing-requests">Lemon Squeezy:
 *     signing requests</a>
 */
public final class LemonSqueezy {
  /** The registry name. */
  public static final String NAME = "lemonsqueezy";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private LemonSqueezy() {}

  /** A verifier builder for the signing secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signing secrets of {@code keys}, configured by {@code options}.
   * Lemon Squeezy signs no timestamp and no URL and has no legacy scheme, so no option applies:
   * only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Lemon Squeezy sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
