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
    private final Duration elapsed;

    private Outcome(
        VerifiedWebhook verified, WebhookVerificationException rejection, Duration elapsed) {
      this.verified = verified;
      this.rejection = rejection;
      this.elapsed = elapsed;
    }

    private boolean overTime() {
      return elapsed.compareTo(TIME) > 0;
    }

    /** The reason of the rejection, or null if the delivery was accepted. */
    Reason reason() {
      return rejection == null ? null : rejection.reason();
    }
  }

  /**
   * Verifies {@code request} twice, reading each accepted delivery's id, tenant and timestamp. Both
   * runs must end alike (verification is deterministic under a fixed clock); the second must take
   * at most {@link #TIME} and allocate at most {@link #BYTES}. The first run is neither timed nor
   * weighed, since the first run down a path loads and initializes classes (and, when fuzzing,
   * instruments them: seconds each on a loaded machine); and a second run over either limit is run
   * once more before it counts, since that can happen on any run, while runaway work repeats. Any
   * throwable other than {@link WebhookVerificationException} propagates: a finding.
   */
  static Outcome verify(WebhookVerifier verifier, WebhookRequest request) {
    Outcome first = timed(verifier, request);
    Outcome second = weighed(verifier, request);
    if (second == null || second.overTime()) {
      second = weighed(verifier, request);
    }
    if (second == null) {
      throw new AssertionError("one input allocated over " + BYTES + " bytes, twice: unbounded");
    }
    if (second.overTime()) {
      throw new AssertionError("one input took " + second.elapsed + ", twice: a hang");
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
    try {
      VerifiedWebhook verified = verifier.verify(request);
      // The lazily read parts run the JSON and form readers over the body: weighed too.
      verified.deliveryId();
      verified.tenant();
      verified.timestamp();
      return new Outcome(verified, null, Duration.ofNanos(System.nanoTime() - start));
    } catch (WebhookVerificationException e) {
      return new Outcome(null, e, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static long allocated() {
    return ThreadCost.isAvailable() ? ThreadCost.allocatedBytes() : 0;
  }
}
