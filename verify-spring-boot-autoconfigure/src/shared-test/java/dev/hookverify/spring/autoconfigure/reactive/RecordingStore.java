package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import java.time.Duration;
import java.util.List;

/**
 * A store that records the thread of every call before delegating, to show that claims and their
 * settlement never run on an event-loop thread. Thread-safe if the delegate is.
 */
final class RecordingStore implements IdempotencyStore {
  private final IdempotencyStore delegate;
  private final List<String> threads;

  RecordingStore(IdempotencyStore delegate, List<String> threads) {
    this.delegate = delegate;
    this.threads = threads;
  }

  @Override
  public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
    threads.add("claim " + Thread.currentThread().getName());
    return delegate.claim(key, ttl);
  }

  @Override
  public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
    threads.add("complete " + Thread.currentThread().getName());
    delegate.complete(claim, retention);
  }

  @Override
  public void release(Claim claim) throws IdempotencyStoreException {
    threads.add("release " + Thread.currentThread().getName());
    delegate.release(claim);
  }
}
