package dev.hookverify.benchmarks;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory idempotency store: claiming a new key (then releasing it, so the map stays bounded)
 * versus claiming a key already completed. Run at 1 and 2 threads.
 *
 * <p>{@code implementation=BARE_MAP} is the control for the store's scaling: a bare {@link
 * ConcurrentHashMap}, sized as the store's, doing the same two map operations per claim with the
 * same keys, without tokens, expiry or the bound. How far it scales from 1 to 2 threads on the
 * machine at hand is about as far as any store sharing one hash map can.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar IdempotencyBenchmark -t 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdempotencyBenchmark {
  /** What the claim finds. */
  public enum Key {
    NEW,
    DUPLICATE
  }

  /** The store, or the bare map it is built on. */
  public enum Implementation {
    HOOKVERIFY,
    BARE_MAP
  }

  @Param public Key key;

  @Param({"HOOKVERIFY"})
  public Implementation implementation;

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(1_000_000);
  private final AtomicLong threads = new AtomicLong();
  private final DeliveryKey completed = DeliveryKey.of("bench", "completed");
  private final ConcurrentHashMap<DeliveryKey, Object> bareMap =
      new ConcurrentHashMap<>(1 << 13); // sized as the store sizes its map
  private final Claim bareClaim = Claim.won(completed, "bare-map");
  private Claimant claimant;

  @Setup
  public void setUp() throws IdempotencyStoreException {
    store.complete(store.claim(completed, Duration.ofMinutes(5)), Duration.ofDays(1));
    bareMap.put(completed, bareClaim);
    claimant =
        switch (implementation) {
          case HOOKVERIFY -> key == Key.NEW ? this::claimNew : this::claimCompleted;
          case BARE_MAP -> key == Key.NEW ? this::putNew : this::putCompleted;
        };
  }

  /**
   * One thread's key numbers. A JMH thread state, which JMH pads: counters in a shared object (an
   * {@code AtomicLong} per thread) can end up on one cache line after a collection copies them side
   * by side, and then the 2-thread run measures the benchmark's counters rather than the store.
   */
  @State(Scope.Thread)
  public static class Keys {
    long next;

    @Setup
    public void setUp(IdempotencyBenchmark benchmark) {
      next = benchmark.threads.getAndIncrement() * 1_000_000_000L; // unique across threads
    }
  }

  @Benchmark
  public Claim claim(Keys keys) throws IdempotencyStoreException {
    return claimant.claim(keys);
  }

  /** Claims a key never seen, then releases it so the map stays bounded. */
  private Claim claimNew(Keys keys) throws IdempotencyStoreException {
    long n = ++keys.next;
    Claim claim = store.claim(DeliveryKey.of("bench", Long.toString(n)), Duration.ofMinutes(5));
    store.release(claim);
    return claim;
  }

  private Claim claimCompleted(Keys keys) throws IdempotencyStoreException {
    return store.claim(completed, Duration.ofMinutes(5));
  }

  /** The store's two map operations for a new key: insert if absent, then remove. */
  private Claim putNew(Keys keys) {
    DeliveryKey key = DeliveryKey.of("bench", Long.toString(++keys.next));
    Object value = bareMap.compute(key, (k, existing) -> existing != null ? existing : bareClaim);
    bareMap.computeIfPresent(key, (k, existing) -> null);
    return value == bareClaim ? bareClaim : null;
  }

  private Claim putCompleted(Keys keys) {
    Object value = bareMap.compute(completed, (k, existing) -> existing);
    return value == bareClaim ? bareClaim : null;
  }

  /**
   * One claim, chosen once in {@code setUp} so that the measured method does not branch on the key
   * parameter.
   */
  @FunctionalInterface
  interface Claimant {
    Claim claim(Keys keys) throws IdempotencyStoreException;
  }
}
