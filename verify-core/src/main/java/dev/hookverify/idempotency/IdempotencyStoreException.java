package dev.hookverify.idempotency;

/**
 * An {@link IdempotencyStore} could not answer: the database or Redis is unreachable, timed out, or
 * failed. The delivery is rejected so the sender retries.
 */
public final class IdempotencyStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message} (no key values or secrets), caused by {@code cause}. */
  public IdempotencyStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure described by {@code message} (no key values or secrets). */
  public IdempotencyStoreException(String message) {
    super(message);
  }
}
