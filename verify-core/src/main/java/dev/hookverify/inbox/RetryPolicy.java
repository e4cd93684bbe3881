package dev.hookverify.inbox;

/**
 * SKELETON (to be implemented): exponential backoff with jitter and a maximum number of attempts.
 */
public final class RetryPolicy {
  private RetryPolicy() {}
}
