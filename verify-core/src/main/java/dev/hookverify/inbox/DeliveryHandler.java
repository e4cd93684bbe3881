package dev.hookverify.inbox;

/**
 * The application's processing of one stored delivery, called by {@link InboxWorkers}.
 *
 * <p>Contract: returning normally completes the delivery; throwing anything schedules another
 * attempt (or marks it dead after the last). Processing is at least once: a worker that dies or
 * overruns its lease lets another worker run the same delivery again, so make the handler's effects
 * idempotent on {@link StoredDelivery#deliveryKey()} (an upsert, a unique constraint).
 */
@FunctionalInterface
public interface DeliveryHandler {
  /** Processes {@code delivery}; {@link StoredDelivery#attempt()} says which attempt this is. */
  void handle(StoredDelivery delivery) throws Exception;
}
