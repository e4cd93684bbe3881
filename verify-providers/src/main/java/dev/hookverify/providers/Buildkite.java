package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Buildkite Pipelines webhooks. The webhook's <b>Token</b> setting chooses the proof: either {@code
 * X-Buildkite-Signature: timestamp=<seconds>,signature=<hex>}, HMAC-SHA256 over {@code
 * timestamp.body} keyed by the token (Buildkite calls this the more secure option), or the token
 * itself in clear text in {@code X-Buildkite-Token}. Both are accepted: a present signature header
 * always decides, and the token is considered only when no signature header is sent (so stripping a
 * wrong signature never falls back to the token). A token proves only that the sender knows it
 * ({@link dev.hookverify.Proof#SHARED_TOKEN}: the body is not signed); prefer the signature. To
 * accept signatures only, use {@link #signatureOnlyBuilder}.
 *
 * <p>Buildkite prescribes no window; its docs suggest a few minutes, so the signed timestamp is
 * checked within 5 minutes both ways. Buildkite sends no delivery id.
 *
 * @see <a href="https://buildkite.com/docs/apis/webhooks/pipelines#webhook-signature">Buildkite:
 *     webhook signature</a>
 */
public final class Buildkite {
  /** The registry name. */
  public static final String NAME = "buildkite";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Buildkite-Signature";

  /** The clear-text token header. */
  public static final String TOKEN_HEADER = "X-Buildkite-Token";

  /** The event header (unsigned). */
  public static final String EVENT_HEADER = "X-Buildkite-Event";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "timestamp",
          "signature",
          SignedContent.builder().timestamp().literal(".").body().build());

  private Buildkite() {}

  /** A verifier builder accepting a signature or a token, for the tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder accepting a signature or a token, for the tokens of {@code keys}, configured
   * by {@code options}: a tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    return signatureOnlyBuilder(keys, options)
        .authenticator(
            new TokenUnlessSigned(TokenAuthenticator.header(TOKEN_HEADER).keys(keys).build()));
  }

  /**
   * A verifier builder accepting signatures only (no clear-text token), for the tokens of {@code
   * keys}, configured by {@code options}: a tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder signatureOnlyBuilder(
      KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator(keys, options.toleranceOr(TOLERANCE)));
  }

  /** The signature scheme alone, with a tolerance of your choice (both ways). */
  public static HmacAuthenticator authenticator(KeyRing keys, Duration tolerance) {
    return SCHEME.authenticator(keys, TimestampPolicy.secondsWithin(tolerance));
  }

  /** The clear-text token, considered only on requests that carry no signature header. */
  private static final class TokenUnlessSigned implements Authenticator {
    private static final Attempt SIGNED =
        Attempt.absent("a signature header is sent: it decides, not the token");

    private final TokenAuthenticator token;

    TokenUnlessSigned(TokenAuthenticator token) {
      this.token = token;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      return request.headers(SIGNATURE_HEADER).isEmpty() ? token.attempt(request, context) : SIGNED;
    }

    @Override
    public String toString() {
      return "Buildkite.TokenUnlessSigned{" + token + "}";
    }
  }

  /** The header Buildkite sends in signature mode. */
  static Map<String, String> sign(WebhookSecret token, long timestamp, byte[] body) {
    return SCHEME.sign(token, timestamp, body);
  }
}
