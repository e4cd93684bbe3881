package dev.hookverify;

/**
 * Proves a request authentic by one scheme: an HMAC signature ({@link HmacAuthenticator}), a
 * public-key signature ({@link PublicKeyAuthenticator}), a shared token ({@link
 * TokenAuthenticator}), or a provider's own. {@link WebhookVerifier} runs the cheap checks around
 * it and builds the {@link VerifiedWebhook}.
 *
 * <p>Contract: answer with an {@link Attempt}, never by throwing: {@link Attempt#proven} only when
 * the request is proven, {@link Attempt#absent} exactly when this scheme's credential was not sent
 * (so a verifier with several schemes tries the next), {@link Attempt#rejected} otherwise. The
 * {@link Authentication} of a proof says what the proof covers ({@link
 * Authentication.Builder#covers}), because the delivery's idempotency key derives from it. Work on
 * hostile input must be bounded by the body size and a small constant per key. Compare
 * secret-dependent bytes only in constant time ({@link java.security.MessageDigest#isEqual}).
 * Implementations are immutable and thread-safe. A {@link RuntimeException} that escapes anyway
 * rejects the request with {@link Reason#VERIFIER_ERROR}.
 */
public interface Authenticator {
  /**
   * Tries to prove {@code request} authentic.
   *
   * @param request the unverified request
   * @param context the clock
   * @return the proof, or why there is none
   */
  Attempt attempt(WebhookRequest request, AuthenticationContext context);

  /**
   * {@code preferred}, and {@code fallback} only when {@code preferred}'s credential was not sent:
   * for a legacy scheme (GitHub's SHA-1 header) that must never rescue a request whose preferred
   * signature is present but wrong.
   */
  static Authenticator withFallback(Authenticator preferred, Authenticator fallback) {
    java.util.Objects.requireNonNull(preferred, "preferred");
    java.util.Objects.requireNonNull(fallback, "fallback");
    return new Authenticator() {
      @Override
      public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
        Attempt attempt = preferred.attempt(request, context);
        return attempt instanceof Attempt.Absent ? fallback.attempt(request, context) : attempt;
      }

      @Override
      public String toString() {
        return preferred + " or, when absent, " + fallback;
      }
    };
  }
}
