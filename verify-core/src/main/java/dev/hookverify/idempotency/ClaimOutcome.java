package dev.hookverify.idempotency;

/** What a claim found. */
public enum ClaimOutcome {
  /** The key was free (or expired): this caller holds it and processes the delivery. */
  NEW,
  /** Another caller holds the key and has not finished. */
  IN_PROGRESS,
  /** The delivery was processed to completion before. */
  COMPLETED
}
