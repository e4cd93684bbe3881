package dev.hookverify.inbox;

/** Where a stored delivery is in its processing. */
public enum DeliveryStatus {
  /** Stored and waiting for a worker, first time or after a failed attempt (see next attempt). */
  PENDING,
  /** Leased by a worker whose handler is running; taken over by another when the lease expires. */
  PROCESSING,
  /** The handler succeeded; kept until purged, so replays stay duplicates. */
  COMPLETED,
  /** Every attempt failed; waits for an operator to requeue it. */
  DEAD
}
