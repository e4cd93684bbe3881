package dev.hookverify.fuzz;

import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.cost.ThreadCost;
import java.time.Duration;

/**
 * What one fuzz input may cost, and the outcome it had. Inputs are a few KiB, so seconds of work or
 * megabytes of allocation mean runaway work (a loop, a quadratic scan, an unbounded buffer), not
 * noise. These are fences for the fuzzer, not speed claims: those are JMH's.
 */
final class Budget {
  static final Duration TIME = Duration.ofSeconds(5);
  static final long BYTES = 8L << 20;

  private Budget() {}

  /** An accepted delivery, or the rejection. */
  static final class Outcome {
    final VerifiedWebhook verified;
    final WebhookVerificationException rejection;

    private Outcome(VerifiedWebhook verified, WebhookVerificationException rejection) {
      this.verified = verified;
      this.rejection = rejection;
    }

    /** The reason of the rejection, or null if the delivery was accepted. */
    Reason reason() {
      return rejection == null ? null : rejection.reason();
    }
  }

  /**
   * Verifies {@code request} twice, reading each accepted delivery's id, tenant and timestamp. Both
   * runs must end alike (verification is deterministic under a fixed clock) and each within {@link
   * #TIME}; the second must allocate at most {@link #BYTES}. The first run is not weighed, since
   * the first run down a path loads and initializes classes; and a second run over the limit is
   * weighed once more before it counts, since loading a class (and, when fuzzing, instrumenting it)
   * can happen on any run, while runaway allocation repeats. Any throwable other than {@link
   * WebhookVerificationException} propagates: a finding.
   */
  static Outcome verify(WebhookVerifier verifier, WebhookRequest request) {
    Outcome first = timed(verifier, request);
    Outcome second = weighed(verifier, request);
    if (second == null) {
      second = weighed(verifier, request);
    }
    if (second == null) {
      throw new AssertionError("one input allocated over " + BYTES + " bytes, twice: unbounded");
    }
    if (first.reason() != second.reason()) {
      throw new AssertionError(
          "the same input gave " + first.reason() + ", then " + second.reason());
    }
    return second;
  }

  /** The outcome, or null if it allocated more than {@link #BYTES}. */
  private static Outcome weighed(WebhookVerifier verifier, WebhookRequest request) {
    long before = allocated();
    Outcome outcome = timed(verifier, request);
    return ThreadCost.isAvailable() && allocated() - before > BYTES ? null : outcome;
  }

  private static Outcome timed(WebhookVerifier verifier, WebhookRequest request) {
    long start = System.nanoTime();
    Outcome outcome;
    try {
      VerifiedWebhook verified = verifier.verify(request);
      // The lazily read parts run the JSON and form readers over the body: weighed too.
      verified.deliveryId();
      verified.tenant();
      verified.timestamp();
      outcome = new Outcome(verified, null);
    } catch (WebhookVerificationException e) {
      outcome = new Outcome(null, e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (elapsed.compareTo(TIME) > 0) {
      throw new AssertionError("one input took " + elapsed + ": a hang");
    }
    return outcome;
  }

  private static long allocated() {
    return ThreadCost.isAvailable() ? ThreadCost.allocatedBytes() : 0;
  }
}
