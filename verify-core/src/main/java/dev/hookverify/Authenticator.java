package dev.hookverify;

/**
 * Proves a request authentic by one scheme: an HMAC signature ({@link HmacAuthenticator}), a shared
 * token ({@link TokenAuthenticator}), or a provider's own (public-key signatures in {@code
 * verify-providers}). {@link WebhookVerifier} runs the cheap checks around it and builds the {@link
 * VerifiedWebhook}.
 *
 * <p>Contract: return an {@link Authentication} only when the request is proven; otherwise throw
 * {@link WebhookVerificationException}, with {@link Reason#MISSING_SIGNATURE} exactly when this
 * scheme's credential is absent (so a verifier with several schemes tries the next). Work on
 * hostile input must be bounded. Compare secret-dependent bytes only in constant time ({@link
 * java.security.MessageDigest#isEqual}). Implementations are immutable and thread-safe.
 */
public interface Authenticator {
  /**
   * Proves {@code request} authentic.
   *
   * @param request the unverified request
   * @param context the clock and what the caller needs kept
   * @return what was proven
   * @throws WebhookVerificationException if it is not proven
   */
  Authentication authenticate(WebhookRequest request, AuthenticationContext context)
      throws WebhookVerificationException;
}
