package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/**
 * What a {@link WebhookVerifier} hands its {@link Authenticator}s: the clock timestamps and key
 * windows are checked against.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AuthenticationContext {
  private final Clock clock;

  AuthenticationContext(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** The clock to check timestamps against. */
  public Clock clock() {
    return clock;
  }
}
