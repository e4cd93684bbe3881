package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Vercel: {@code x-vercel-signature: <hex>}, HMAC-SHA1 of the raw body with the webhook secret
 * (integration webhooks: the integration's client secret). No timestamp.
 *
 * @see <a href="https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks">Vercel: securing
 *     webhooks</a>
 */
public final class Vercel {
  /** The registry name. */
  public static final String NAME = "vercel";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-vercel-signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA1, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Vercel() {}

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}. Vercel signs
   * no timestamp and no URL and has no legacy scheme, so no option applies: only the defaults are
   * accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Vercel sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
