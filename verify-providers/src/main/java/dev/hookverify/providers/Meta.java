package dev.hookverify.providers;

import dev.hookverify.Authenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import java.util.Optional;

/**
 * Meta (Facebook Graph, Messenger, Instagram, WhatsApp Cloud API): {@code X-Hub-Signature-256:
 * sha256=<hex>}, HMAC-SHA256 of the raw body with the App Secret. Meta signs the body as it sends
 * it (non-ASCII escaped as {@code \\uXXXX}), so verify the raw bytes, never a re-serialization. The
 * legacy {@code X-Hub-Signature: sha1=} is accepted only when enabled. The subscription handshake
 * ({@code hub.verify_token}) is answered by {@link #subscriptionChallenge}.
 *
 * @see <a href="https://developers.facebook.com/docs/graph-api/webhooks/getting-started">Meta:
 *     webhooks</a>
 */
public final class Meta {
  /** The registry name. */
  public static final String NAME = "meta";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The legacy signature header. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-Hub-Signature";

  // The same convention as GitHub's: X-Hub-Signature-256 sha256=<hex>, legacy sha1=.
  static final BodyHmac SCHEME = GitHub.SCHEME;
  static final BodyHmac LEGACY = GitHub.LEGACY;

  private Meta() {}

  /** A verifier builder for the app secrets of {@code keys}, SHA-256 only. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder that also accepts the legacy SHA-1 header when the SHA-256 one is absent.
   */
  public static WebhookVerifier.Builder builderAcceptingLegacySha1(KeyRing keys) {
    return builder(keys, ProviderOptions.builder().legacySchemes(true).build());
  }

  /**
   * A verifier builder for the app secrets of {@code keys}, configured by {@code options}: with
   * legacy schemes on, as {@link #builderAcceptingLegacySha1}; otherwise SHA-256 only.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but legacy schemes
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.LEGACY_SCHEMES);
    // SHA-1 only when the SHA-256 header is absent: a wrong SHA-256 signature is a rejection.
    return WebhookVerifier.builder(NAME)
        .authenticator(
            options.legacySchemes()
                ? Authenticator.withFallback(SCHEME.authenticator(keys), LEGACY.authenticator(keys))
                : SCHEME.authenticator(keys));
  }

  /**
   * The answer to Meta's subscription handshake (a GET with {@code hub.mode=subscribe}, {@code
   * hub.verify_token} and {@code hub.challenge}): the challenge to echo with 200 when the mode and
   * token match (compared in constant time), empty for 403.
   */
  public static Optional<String> subscriptionChallenge(
      String mode, String verifyToken, String challenge, String expectedToken) {
    if (!"subscribe".equals(mode)
        || verifyToken == null
        || challenge == null
        || !Tokens.equal(verifyToken, expectedToken)) {
      return Optional.empty();
    }
    return Optional.of(challenge);
  }

  /** The header Meta sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
