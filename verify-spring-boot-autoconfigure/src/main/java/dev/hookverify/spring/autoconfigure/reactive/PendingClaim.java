package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.ClaimedDelivery;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.scheduler.Schedulers;

/**
 * One claim on its way from the store to the handler, owned at each moment by exactly one party so
 * it is released exactly once if the client goes away: the store call until the claim is granted,
 * then whoever comes first of the settling chain ({@link #take()}) and a cancellation ({@link
 * #cancel()}). Without it, a claim granted after the client left would be dropped by Reactor and
 * held until its lease expires, answering the sender's retries 409. Thread-safe.
 */
final class PendingClaim {
  private static final Object CLAIMING = new Object();
  private static final Object TAKEN = new Object();
  private static final Object CANCELLED = new Object();

  private final AtomicReference<Object> state = new AtomicReference<>(CLAIMING);

  /**
   * Hands over the claim the store granted; returns it, or releases it and returns null if the
   * exchange was cancelled meanwhile. Called on the thread that claimed, which may block.
   */
  ClaimedDelivery granted(ClaimedDelivery delivery) {
    if (state.compareAndSet(CLAIMING, delivery)) {
      return delivery;
    }
    delivery.close();
    return null;
  }

  /** The granted claim, now the caller's to settle; null if a cancellation released it first. */
  ClaimedDelivery take() {
    Object current = state.get();
    return current instanceof ClaimedDelivery && state.compareAndSet(current, TAKEN)
        ? (ClaimedDelivery) current
        : null;
  }

  /** Releases a claim granted but not yet taken, off the cancelling (event-loop) thread. */
  void cancel() {
    Object previous = state.getAndSet(CANCELLED);
    if (previous instanceof ClaimedDelivery) {
      Schedulers.boundedElastic().schedule(((ClaimedDelivery) previous)::close);
    }
  }
}
