package dev.hookverify;

import static java.util.Objects.requireNonNull;

/**
 * What an {@link Authenticator} concluded about one request: {@linkplain Proven proven}, its
 * credential {@linkplain Absent absent} (so the verifier tries the next scheme), or {@linkplain
 * Rejected rejected} with a {@link Reason}. A value, never thrown: forged deliveries take the
 * rejected path, and {@link WebhookVerifier} turns the outcome into an exception once, at its
 * public method.
 *
 * <p>Instances are immutable and thread-safe; rejections with a fixed message can be kept in
 * constants, so a rejection allocates nothing.
 */
public abstract sealed class Attempt permits Attempt.Proven, Attempt.Absent, Attempt.Rejected {
  private Attempt() {}

  /** The request is proven, as {@code authentication} describes. */
  public static Proven proven(Authentication authentication) {
    return new Proven(authentication);
  }

  /**
   * This scheme's credential was not sent; {@code message} names what is missing (a header name,
   * never a value).
   */
  public static Absent absent(String message) {
    return new Absent(message);
  }

  /**
   * The credential was sent and does not prove the request.
   *
   * @param message a safe detail: it may name a header, never a secret, a signature or body bytes
   * @throws IllegalArgumentException if {@code reason} is {@link Reason#MISSING_SIGNATURE} (that is
   *     {@link #absent}) or a reason only the verifier or a store gives
   */
  public static Rejected rejected(Reason reason, String message) {
    return new Rejected(authenticatorReason(reason), message, null);
  }

  /** A rejection caused by a failure in application code or a JCA provider. */
  public static Rejected rejected(Reason reason, String message, Throwable cause) {
    return new Rejected(authenticatorReason(reason), message, requireNonNull(cause, "cause"));
  }

  /** A rejection by the verifier itself, for any reason (the body limit, say). */
  static Rejected byVerifier(Reason reason, String message) {
    return new Rejected(reason, message, null);
  }

  private static Reason authenticatorReason(Reason reason) {
    switch (requireNonNull(reason, "reason")) {
      case MISSING_SIGNATURE:
        throw new IllegalArgumentException("an absent credential is Attempt.absent");
      case MISSING_DELIVERY_ID:
      case DUPLICATE_DELIVERY:
      case DELIVERY_IN_PROGRESS:
      case IDEMPOTENCY_STORE_UNAVAILABLE:
        throw new IllegalArgumentException(reason + " is not an authenticator's reason");
      default:
        return reason;
    }
  }

  /** The rejection this attempt stands for, to be thrown once at a public method. */
  abstract WebhookVerificationException toException();

  /** A proof. */
  public static final class Proven extends Attempt {
    private final Authentication authentication;

    private Proven(Authentication authentication) {
      this.authentication = requireNonNull(authentication, "authentication");
    }

    /** What was proven. */
    public Authentication authentication() {
      return authentication;
    }

    @Override
    WebhookVerificationException toException() {
      throw new IllegalStateException("a proof is not a rejection");
    }

    @Override
    public String toString() {
      return "Proven{" + authentication.proof() + ", key=" + authentication.keyId() + "}";
    }
  }

  /** No credential of this scheme was sent: {@link Reason#MISSING_SIGNATURE} if none was. */
  public static final class Absent extends Attempt {
    private final String message;

    private Absent(String message) {
      this.message = requireNonNull(message, "message");
    }

    /** What is missing. */
    public String message() {
      return message;
    }

    @Override
    WebhookVerificationException toException() {
      return new WebhookVerificationException(Reason.MISSING_SIGNATURE, message);
    }

    @Override
    public String toString() {
      return "Absent{" + message + "}";
    }
  }

  /** The credential was sent and does not prove the request. */
  public static final class Rejected extends Attempt {
    private final Reason reason;
    private final String message;
    private final Throwable cause;

    private Rejected(Reason reason, String message, Throwable cause) {
      this.reason = requireNonNull(reason, "reason");
      this.message = requireNonNull(message, "message");
      this.cause = cause;
    }

    /** Why. */
    public Reason reason() {
      return reason;
    }

    /** A safe detail. */
    public String message() {
      return message;
    }

    @Override
    WebhookVerificationException toException() {
      return cause == null
          ? new WebhookVerificationException(reason, message)
          : new WebhookVerificationException(reason, message, cause);
    }

    @Override
    public String toString() {
      return "Rejected{" + reason + ": " + message + "}";
    }
  }
}
