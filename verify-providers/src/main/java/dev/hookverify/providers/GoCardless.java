package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * GoCardless: {@code Webhook-Signature: <hex>}, HMAC-SHA256 of the raw body with the webhook
 * endpoint's secret as UTF-8. No timestamp and no delivery id header: one POST carries several
 * {@code events}, each with its own {@code id}; a retry resends the same body, so the delivery key
 * (a digest of the signed body) deduplicates retries, and handlers deduplicate events on their ids.
 * GoCardless asks for {@code 498 Token Invalid} on a bad signature; {@link
 * dev.hookverify.Reason#httpStatus()} suggests 401, so answer 498 yourself if you want GoCardless's
 * dashboard to show it.
 *
 * @see <a href="https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks">
 *     GoCardless: staying up to date with webhooks</a>
 */
public final class GoCardless {
  /** The registry name. */
  public static final String NAME = "gocardless";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Webhook-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private GoCardless() {}

  /** A verifier for one endpoint secret. */
  public static WebhookVerifier verifier(WebhookSecret endpointSecret) {
    return builder(KeyRing.of(endpointSecret)).build();
  }

  /** A verifier builder for the endpoint secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the endpoint secrets of {@code keys}, configured by {@code options}.
   * GoCardless signs no timestamp and no URL and has no legacy scheme, so no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header GoCardless sends for {@code body}. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
