package dev.hookverify.inbox;

/**
 * The inbox's database could not answer: unreachable, timed out, or failed. A delivery that could
 * not be accepted is rejected, so the sender retries and nothing acknowledged is lost.
 */
public final class InboxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message} (no key values, bodies or secrets). */
  public InboxException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure described by {@code message} (no key values, bodies or secrets). */
  public InboxException(String message) {
    super(message);
  }
}
