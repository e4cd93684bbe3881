package dev.hookverify.micrometer;

import dev.hookverify.Reason;

/**
 * What a verification came to, as the {@code outcome} tag of {@code hookverify.verifications} says
 * it: coarser than a {@link Reason}, so a dashboard can split "the sender was turned away" from "we
 * failed, the sender will retry" without listing every reason.
 */
enum VerificationOutcome {
  /** Verified (and, for an idempotent verifier, claimed). */
  ACCEPTED("accepted"),
  /** Turned away: the delivery did not authenticate or was not acceptable. */
  REJECTED("rejected"),
  /** A delivery that was processed to completion before. */
  DUPLICATE("duplicate"),
  /** A delivery that another request is processing right now. */
  IN_PROGRESS("in_progress"),
  /** Our side failed (the idempotency store or the verifier itself); the sender will retry. */
  ERROR("error");

  private final String tag;

  VerificationOutcome(String tag) {
    this.tag = tag;
  }

  /** The outcome of a verification rejected for {@code reason}, or accepted if it is null. */
  static VerificationOutcome of(Reason reason) {
    if (reason == null) {
      return ACCEPTED;
    }
    switch (reason) {
      case DUPLICATE_DELIVERY:
        return DUPLICATE;
      case DELIVERY_IN_PROGRESS:
        return IN_PROGRESS;
      case IDEMPOTENCY_STORE_UNAVAILABLE:
      case VERIFIER_ERROR:
        return ERROR;
      default:
        return REJECTED;
    }
  }

  /** The tag value: the name in lower case. */
  String tag() {
    return tag;
  }
}
