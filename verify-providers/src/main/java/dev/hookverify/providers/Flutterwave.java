package dev.hookverify.providers;

import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Flutterwave, both generations, with the secret hash set in the dashboard as the one secret:
 *
 * <ul>
 *   <li>v4: {@code flutterwave-signature: <base64>}, HMAC-SHA256 of the raw body with the secret
 *       hash as UTF-8;
 *   <li>v3: {@code verif-hash: <secret hash>}, the secret hash itself, compared in constant time
 *       (as SHA-256 digests, by {@link TokenAuthenticator}). It signs nothing ({@link
 *       dev.hookverify.Proof#SHARED_TOKEN}): anyone who sees one delivery holds the secret.
 * </ul>
 *
 * <p>The signature decides whenever {@code flutterwave-signature} is sent: a wrong one is not
 * rescued by a {@code verif-hash}. No timestamp and no delivery id header; a retry resends the same
 * body, so the delivery key (a digest of the signed body) deduplicates v4 retries. Flutterwave
 * advises re-fetching the transaction by {@code data.id} before giving value.
 *
 * @see <a href="https://developer.flutterwave.com/docs/webhooks">Flutterwave: webhooks</a>
 */
public final class Flutterwave {
  /** The registry name. */
  public static final String NAME = "flutterwave";

  /** The v4 signature header. */
  public static final String SIGNATURE_HEADER = "flutterwave-signature";

  /** The v3 header that carries the secret hash verbatim. */
  public static final String VERIF_HASH_HEADER = "verif-hash";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private Flutterwave() {}

  /** A verifier for one secret hash. */
  public static WebhookVerifier verifier(WebhookSecret secretHash) {
    return builder(KeyRing.of(secretHash)).build();
  }

  /** A verifier builder for the secret hashes of {@code keys}: v4 signatures or v3 tokens. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secret hashes of {@code keys}, configured by {@code options}.
   * Flutterwave signs no timestamp and no URL; no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            Authenticator.withFallback(
                SCHEME.authenticator(keys),
                TokenAuthenticator.header(VERIF_HASH_HEADER).keys(keys).build()));
  }

  /** A verifier builder that accepts v4 signatures only, for accounts that never send v3. */
  public static WebhookVerifier.Builder signaturesOnly(KeyRing keys) {
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Flutterwave v4 sends for {@code body}. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
