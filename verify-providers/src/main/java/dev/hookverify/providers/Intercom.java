package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Intercom: {@code X-Hub-Signature: sha1=<hex>}, HMAC-SHA1 of the raw body with the app's client
 * secret. No timestamp and no delivery id header.
 *
 * @see <a href="https://developers.intercom.com/docs/references/webhooks/webhook-models">Intercom:
 *     webhooks</a>
 */
public final class Intercom {
  /** The registry name. */
  public static final String NAME = "intercom";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA1, SIGNATURE_HEADER, "sha1=", SignatureEncoding.HEX);

  private Intercom() {}

  /** A verifier builder for the client secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the client secrets of {@code keys}, configured by {@code options}.
   * Intercom signs no timestamp and no URL and has no legacy scheme, so no option applies: only the
   * defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Intercom sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
