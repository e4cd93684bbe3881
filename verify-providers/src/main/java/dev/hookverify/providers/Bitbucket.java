package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Bitbucket (Cloud and Data Center), and Jira admin webhooks, which sign the same way: {@code
 * X-Hub-Signature: sha256=<hex>} (SHA-256 despite GitHub's SHA-1 use of that header name),
 * HMAC-SHA256 of the raw body. No timestamp. Cloud's {@code X-Request-UUID} identifies a delivery
 * and is not signed.
 *
 * @see <a href="https://bitbucket.org/blog/enhanced-webhook-security">Bitbucket: webhook
 *     security</a>
 */
public final class Bitbucket {
  /** The registry name. */
  public static final String NAME = "bitbucket";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature";

  /** The delivery id header of Bitbucket Cloud (unsigned). */
  public static final String REQUEST_ID_HEADER = "X-Request-UUID";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "sha256=", SignatureEncoding.HEX);

  private Bitbucket() {}

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}. Bitbucket
   * signs no timestamp and no URL and has no legacy scheme, so no option applies: only the defaults
   * are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(REQUEST_ID_HEADER));
  }

  /** The header Bitbucket sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
