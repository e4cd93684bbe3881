package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;

/**
 * Bridges between {@link Attempt} values and the exceptions of the few provider schemes that wrap
 * a core authenticator (Mailgun, Adyen, Linear, Cloudonix, HubSpot): their rare failures are
 * written as throws, and turned into an {@link Attempt} once, at {@code attempt}.
 */
final class Proofs {
  private Proofs() {}

  /** A scheme written with exceptions. */
  @FunctionalInterface
  interface Prover {
    Authentication prove() throws WebhookVerificationException;
  }

  /** The outcome of {@code prover} as an {@link Attempt}. */
  static Attempt attempt(Prover prover) {
    try {
      return Attempt.proven(prover.prove());
    } catch (WebhookVerificationException e) {
      return e.reason() == Reason.MISSING_SIGNATURE
          ? Attempt.absent(e.getMessage())
          : Attempt.rejected(e.reason(), e.getMessage());
    }
  }

  /**
   * The proof {@code authenticator} gives for {@code request}.
   *
   * @throws WebhookVerificationException if there is none, with its reason
   */
  static Authentication require(
      Authenticator authenticator, WebhookRequest request, AuthenticationContext context)
      throws WebhookVerificationException {
    Attempt attempt = authenticator.attempt(request, context);
    if (attempt instanceof Attempt.Proven) {
      return ((Attempt.Proven) attempt).authentication();
    }
    if (attempt instanceof Attempt.Absent) {
      throw new WebhookVerificationException(
          Reason.MISSING_SIGNATURE, ((Attempt.Absent) attempt).message());
    }
    Attempt.Rejected rejected = (Attempt.Rejected) attempt;
    throw new WebhookVerificationException(rejected.reason(), rejected.message());
  }
}
