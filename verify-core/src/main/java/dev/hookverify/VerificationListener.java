package dev.hookverify;

/**
 * Observes every outcome of {@link WebhookVerifier#verify} and {@link IdempotentVerifier#claim},
 * accepted or rejected, so applications can log and count authentication attempts.
 *
 * <p>Contract: called once per verification on the verifying thread, after the outcome is decided;
 * keep it fast. Events carry no secret, signature or body. A {@link RuntimeException} thrown here
 * is swallowed: observing must never change an outcome.
 */
@FunctionalInterface
public interface VerificationListener {
  /** Called with the outcome of one verification. */
  void onVerification(VerificationEvent event);
}
