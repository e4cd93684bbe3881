package dev.hookverify;

import static java.util.Objects.requireNonNull;

/**
 * A webhook was rejected, for the stable {@link #reason()}.
 *
 * <p>The message may name a header; it never contains a secret, a signature, a computed MAC or body
 * bytes, so it is safe to log. No stack trace is filled in: forged floods take this path, and the
 * trace would say nothing about the sender anyway.
 */
public final class WebhookVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  /**
   * Creates a rejection.
   *
   * @param reason why
   * @param message a safe, human-readable detail (never a secret, signature or body bytes)
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = requireNonNull(reason, "reason");
  }

  /**
   * Creates a rejection caused by a failure in application code or a store.
   *
   * @param reason why
   * @param message a safe, human-readable detail (never a secret, signature or body bytes)
   * @param cause the underlying failure, kept for diagnosis
   */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why the webhook was rejected. */
  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "WebhookVerificationException{" + reason + ": " + getMessage() + "}";
  }
}
