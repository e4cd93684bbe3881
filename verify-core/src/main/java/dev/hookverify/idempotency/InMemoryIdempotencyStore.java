package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link IdempotencyStore} in this JVM's memory, for a receiver that runs as one instance.
 * Several instances behind a load balancer need a shared store ({@link JdbcIdempotencyStore},
 * {@link RedisIdempotencyStore}).
 *
 * <p>Bounded: at most {@code maxKeys} keys are held. Expired keys are swept when the bound is
 * reached; if every held key is still live, the claim fails with {@link IdempotencyStoreException}
 * (the delivery is rejected and retried later) rather than forgetting a live key, which would let a
 * duplicate through. Only verified deliveries reach the store, so filling it takes genuine traffic.
 *
 * <p>Expiry is timed by the injected {@link Clock} in milliseconds. A lease or retention longer
 * than 100 years is kept for 100 years, and an expiry past the end of {@code long} milliseconds is
 * the last one: a huge retention never wraps around into the past.
 *
 * <p>Thread-safe: claims of one key are serialized by the map, so exactly one wins.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  /** The table the map starts with, in keys: 8,192 keys, a 64 KiB table on first use. */
  static final int INITIAL_KEYS = 1 << 13;

  private final ConcurrentHashMap<DeliveryKey, Entry> entries;
  private final KeyBudget budget;
  private final int maxKeys;
  private final Clock clock;

  /** A store of at most {@code maxKeys} keys, timed by {@code clock}. */
  public InMemoryIdempotencyStore(int maxKeys, Clock clock) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys < 1");
    }
    this.maxKeys = maxKeys;
    this.clock = requireNonNull(clock, "clock");
    // Sized for thousands from the start: a map of a few keys has a table of one cache line, which
    // concurrent claims of different keys would all write.
    this.entries = new ConcurrentHashMap<>(Math.min(maxKeys, INITIAL_KEYS));
    this.budget = new KeyBudget(maxKeys, Runtime.getRuntime().availableProcessors());
  }

  /** A store of at most {@code maxKeys} keys, timed by the system clock. */
  public InMemoryIdempotencyStore(int maxKeys) {
    this(maxKeys, Clock.systemUTC());
  }

  private static final class Entry {
    final String token;
    final boolean completed;
    final long expiresAtMillis;

    Entry(String token, boolean completed, long expiresAtMillis) {
      this.token = token;
      this.completed = completed;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  @Override
  public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
    requireNonNull(key, "key");
    long now = clock.millis();
    String token = Claim.newToken();
    Entry fresh = new Entry(token, false, Expiry.millisAfter(now, ttl, "ttl"));
    for (int attempt = 0; attempt < 2; attempt++) {
      boolean[] full = {false};
      Entry current =
          entries.compute(
              key,
              (k, existing) -> {
                if (existing != null && existing.expiresAtMillis > now) {
                  return existing;
                }
                if (existing == null && !budget.tryAcquire()) {
                  full[0] = true;
                  return null;
                }
                return fresh;
              });
      if (full[0]) {
        sweep(now); // then try once more
        continue;
      }
      if (current == fresh) {
        return Claim.won(key, token);
      }
      return Claim.lost(key, current.completed ? ClaimOutcome.COMPLETED : ClaimOutcome.IN_PROGRESS);
    }
    throw new IdempotencyStoreException("in-memory idempotency store is full");
  }

  @Override
  public void complete(Claim claim, Duration retention) {
    long expiresAt = Expiry.millisAfter(clock.millis(), retention, "retention");
    entries.computeIfPresent(
        claim.key(),
        (k, existing) ->
            existing.token.equals(claim.token())
                ? new Entry(existing.token, true, expiresAt)
                : existing);
  }

  @Override
  public void release(Claim claim) {
    boolean[] removed = {false};
    entries.computeIfPresent(
        claim.key(),
        (k, existing) -> {
          if (existing.token.equals(claim.token()) && !existing.completed) {
            removed[0] = true;
            return null;
          }
          return existing;
        });
    releaseCredit(removed[0]);
  }

  /**
   * Returns a removed key's credit once the map no longer holds it: returned inside the map's
   * update, another thread could spend it while the key was still there, one key over the bound.
   */
  private void releaseCredit(boolean removed) {
    if (removed) {
      budget.release();
    }
  }

  /** The number of keys held, live or expired but not yet swept. */
  public int size() {
    return budget.held();
  }

  private void sweep(long now) {
    entries.forEach(
        (key, entry) -> {
          if (entry.expiresAtMillis <= now) {
            boolean[] removed = {false};
            entries.computeIfPresent(
                key,
                (k, e) -> {
                  if (e.expiresAtMillis <= now) {
                    removed[0] = true;
                    return null;
                  }
                  return e;
                });
            releaseCredit(removed[0]);
          }
        });
  }

  @Override
  public String toString() {
    return "InMemoryIdempotencyStore{" + budget.held() + "/" + maxKeys + " keys}";
  }
}
