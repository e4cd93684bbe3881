package dev.hookverify;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one verification, as a {@link VerificationListener} sees it: the provider,
 * accepted or the {@link Reason}, the key id and tenant when known, and how long it took. Never a
 * secret, a signature or the body.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VerificationEvent {
  private final String provider;
  private final Reason reason;
  private final String keyId;
  private final String tenant;
  private final long elapsedNanos;

  VerificationEvent(
      String provider, Reason reason, String keyId, String tenant, long elapsedNanos) {
    this.provider = provider;
    this.reason = reason;
    this.keyId = keyId;
    this.tenant = tenant;
    this.elapsedNanos = elapsedNanos;
  }

  /** The provider name the verifier was built for, such as {@code stripe}. */
  public String provider() {
    return provider;
  }

  /** Whether the delivery was accepted. */
  public boolean isAccepted() {
    return reason == null;
  }

  /** Why it was rejected; empty if accepted. */
  public Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  /** The id of the key that matched, when one did. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** The tenant, when keys are per tenant and it was found. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** How long verification took. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }

  @Override
  public String toString() {
    return "VerificationEvent{"
        + provider
        + ", "
        + (reason == null ? "ACCEPTED" : reason)
        + (keyId == null ? "" : ", key=" + keyId)
        + (tenant == null ? "" : ", tenant=" + tenant)
        + ", "
        + elapsedNanos / 1000
        + " us}";
  }
}
