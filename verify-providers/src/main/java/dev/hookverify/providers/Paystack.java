package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Paystack: {@code x-paystack-signature: <hex>}, HMAC-SHA512 of the raw body with the account's
 * secret key ({@code sk_live_...} or {@code sk_test_...}) as UTF-8; 128 hex characters. No
 * timestamp and no delivery id header: a retry resends the same body, so the delivery key (a digest
 * of the signed body) deduplicates retries. Paystack also publishes the addresses it sends from,
 * for an allow-list in front of the application.
 *
 * @see <a href="https://paystack.com/docs/payments/webhooks/">Paystack: webhooks</a>
 */
public final class Paystack {
  /** The registry name. */
  public static final String NAME = "paystack";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-paystack-signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA512, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Paystack() {}

  /** A verifier for one secret key. */
  public static WebhookVerifier verifier(WebhookSecret secretKey) {
    return builder(KeyRing.of(secretKey)).build();
  }

  /** A verifier builder for the secret keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secret keys of {@code keys}, configured by {@code options}. Paystack
   * signs no timestamp and no URL and has no legacy scheme, so no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Paystack sends for {@code body}. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
