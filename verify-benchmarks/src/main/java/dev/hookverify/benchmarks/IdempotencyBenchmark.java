package dev.hookverify.benchmarks;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
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

  @Param public Key key;

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(1_000_000);
  private final AtomicLong threads = new AtomicLong();
  private final DeliveryKey completed = DeliveryKey.of("bench", "completed");
  private Claimant claimant;

  @Setup
  public void setUp() throws IdempotencyStoreException {
    store.complete(store.claim(completed, Duration.ofMinutes(5)), Duration.ofDays(1));
    claimant =
        switch (key) {
          case NEW -> this::claimNew;
          case DUPLICATE -> this::claimCompleted;
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

  /**
   * One claim, chosen once in {@code setUp} so that the measured method does not branch on the key
   * parameter.
   */
  @FunctionalInterface
  interface Claimant {
    Claim claim(Keys keys) throws IdempotencyStoreException;
  }
}
