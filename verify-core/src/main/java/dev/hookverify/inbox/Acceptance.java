package dev.hookverify.inbox;

/** What {@link DeliveryInbox#accept} did with a verified delivery. */
public enum Acceptance {
  /** Stored for the first time: acknowledge it; a worker will process it. */
  ACCEPTED,
  /** Stored before (whatever its status): acknowledge it again, store nothing. */
  DUPLICATE
}
