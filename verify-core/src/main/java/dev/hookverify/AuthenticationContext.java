package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/**
 * What a {@link WebhookVerifier} hands its {@link Authenticator}s: the clock timestamps are checked
 * against, and whether the verified signature bytes should be kept as a fingerprint (for deriving
 * idempotency keys).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AuthenticationContext {
  private final Clock clock;
  private final boolean keepFingerprint;

  AuthenticationContext(Clock clock, boolean keepFingerprint) {
    this.clock = requireNonNull(clock, "clock");
    this.keepFingerprint = keepFingerprint;
  }

  /** The clock to check timestamps against. */
  public Clock clock() {
    return clock;
  }

  /** Whether {@link Authentication.Builder#fingerprint} should be called. */
  public boolean keepFingerprint() {
    return keepFingerprint;
  }
}
