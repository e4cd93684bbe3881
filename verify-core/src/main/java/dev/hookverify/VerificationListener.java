package dev.hookverify;

import java.util.List;

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

  /**
   * A listener that passes each event to every one of {@code listeners}, in order, so a verifier
   * (which takes one listener) can feed an audit trail and metrics alike. A listener that throws a
   * {@link RuntimeException} does not keep the event from the listeners after it; the exception is
   * swallowed, as the verifier would.
   *
   * <p>The returned listener is thread-safe if each of {@code listeners} is.
   *
   * @throws NullPointerException if {@code listeners} or one of them is null
   */
  static VerificationListener all(VerificationListener... listeners) {
    List<VerificationListener> each = List.of(listeners); // copies; refuses nulls
    return new VerificationListener() {
      @Override
      public void onVerification(VerificationEvent event) {
        for (int i = 0; i < each.size(); i++) {
          try {
            each.get(i).onVerification(event);
          } catch (RuntimeException ignored) {
            // One observer's failure must not blind the others.
          }
        }
      }

      @Override
      public String toString() {
        return "VerificationListener.all" + each;
      }
    };
  }
}
