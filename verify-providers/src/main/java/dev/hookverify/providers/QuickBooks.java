package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Intuit QuickBooks Online: {@code intuit-signature: <base64>}, HMAC-SHA256 of the raw body with
 * the app's webhook verifier token as UTF-8. No timestamp and no delivery id in a header; the
 * legacy payload names entities, not a delivery, so the delivery key is a digest of the signed
 * body. Intuit's own SDK compares the signature with {@code String.equals} over the body decoded in
 * the platform charset; hookverify compares the decoded bytes in constant time over the raw bytes.
 *
 * @see <a
 *     href="https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications">
 *     Intuit: managing webhooks notifications</a>
 */
public final class QuickBooks {
  /** The registry name. */
  public static final String NAME = "quickbooks";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "intuit-signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private QuickBooks() {}

  /** A verifier for one webhook verifier token. */
  public static WebhookVerifier verifier(WebhookSecret verifierToken) {
    return builder(KeyRing.of(verifierToken)).build();
  }

  /** A verifier builder for the verifier tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the verifier tokens of {@code keys}, configured by {@code options}.
   * QuickBooks signs no timestamp and no URL: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Intuit sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
