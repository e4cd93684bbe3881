package dev.hookverify;

import dev.hookverify.internal.UriParts;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one verification, as a {@link VerificationListener} sees it: the provider,
 * accepted or the {@link Reason}, the key id and tenant when known, who sent it and to which path,
 * and how long it took. Never a secret, a signature, the body or the query string (some senders put
 * tokens there).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VerificationEvent {
  private final String provider;
  private final String uri;
  private final String remoteAddress;
  private final Reason reason;
  private final String keyId;
  private final String tenant;
  private final long elapsedNanos;

  VerificationEvent(
      String provider,
      WebhookRequest request,
      Reason reason,
      String keyId,
      String tenant,
      long elapsedNanos) {
    this.provider = provider;
    this.uri = request.uri(); // the path is cut from it only when a listener asks
    this.remoteAddress = request.remoteAddress().orElse(null);
    this.reason = reason;
    this.keyId = keyId;
    this.tenant = tenant;
    this.elapsedNanos = elapsedNanos;
  }

  /** The provider name the verifier was built for, such as {@code stripe}. */
  public String provider() {
    return provider;
  }

  /**
   * The request's path as received, without query or fragment, for logs: characters other than
   * visible ASCII are shown as {@code ?} and it is cut at 256 characters. Empty if the request had
   * no path.
   */
  public String path() {
    return UriParts.loggablePath(uri);
  }

  /**
   * The peer's address as the HTTP stack saw it ({@link WebhookRequest.Builder#remoteAddress}),
   * with characters other than visible ASCII shown as {@code ?}; empty if the stack gave none.
   */
  public Optional<String> remoteAddress() {
    return remoteAddress == null ? Optional.empty() : Optional.of(UriParts.loggable(remoteAddress));
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
