package dev.hookverify.micrometer;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * An {@link IdempotencyStore} that times every operation of the store it wraps in the timer {@value
 * #METER_NAME}, and otherwise behaves exactly as that store: same answers, same exceptions.
 *
 * <pre>{@code
 * JdbcIdempotencyStore jdbc = JdbcIdempotencyStore.builder(dataSource).build();
 * IdempotentVerifier verifier = IdempotentVerifier
 *     .builder(webhookVerifier, MeteredIdempotencyStore.of(jdbc, registry, "jdbc"))
 *     .build();
 * }</pre>
 *
 * <p>Only the {@link IdempotencyStore} operations are timed; keep the wrapped store for its own
 * methods, such as {@code JdbcIdempotencyStore.purgeExpired()}.
 *
 * <p>Tags: {@code store}, the name given to {@link #of}; {@code operation}, one of {@code claim},
 * {@code complete}, {@code release}; and {@code outcome}:
 *
 * <ul>
 *   <li>{@code claim}: {@code new} (this caller won the key), {@code in_progress}, {@code
 *       completed} (the {@link dev.hookverify.idempotency.ClaimOutcome}) or {@code error};
 *   <li>{@code complete}: {@code completed} or {@code error};
 *   <li>{@code release}: {@code released} or {@code error}.
 * </ul>
 *
 * <p>An error is an {@link IdempotencyStoreException} or a {@link RuntimeException} from the store
 * (and a claim answered with null); it is recorded, then rethrown unchanged. An {@link
 * IllegalArgumentException} is not recorded: the contract refuses a non-positive duration with it,
 * a caller's mistake that says nothing about the store's health. {@code completed} and {@code
 * released} say the store answered, not that it changed anything: completing or releasing a claim
 * that was taken over is a no-op the store does not report.
 *
 * <p>All eight meters are registered when the wrapper is made, so each operation only records.
 * Thread-safe, as the store it wraps is.
 */
public final class MeteredIdempotencyStore implements IdempotencyStore {
  /** The timer's name. */
  public static final String METER_NAME = "hookverify.idempotency.operations";

  private static final String DESCRIPTION =
      "Idempotency store operations: how many and how long, by operation and outcome";
  private static final List<String> RESERVED = List.of("store", "operation", "outcome");

  private final IdempotencyStore delegate;
  private final String name;
  private final Timer claimNew;
  private final Timer claimInProgress;
  private final Timer claimCompleted;
  private final Timer claimError;
  private final Timer completed;
  private final Timer completeError;
  private final Timer released;
  private final Timer releaseError;

  private MeteredIdempotencyStore(
      IdempotencyStore delegate, MeterRegistry registry, String name, Tags tags) {
    this.delegate = delegate;
    this.name = name;
    Tags common = tags.and("store", name);
    this.claimNew = timer(registry, common, "claim", "new");
    this.claimInProgress = timer(registry, common, "claim", "in_progress");
    this.claimCompleted = timer(registry, common, "claim", "completed");
    this.claimError = timer(registry, common, "claim", "error");
    this.completed = timer(registry, common, "complete", "completed");
    this.completeError = timer(registry, common, "complete", "error");
    this.released = timer(registry, common, "release", "released");
    this.releaseError = timer(registry, common, "release", "error");
  }

  /**
   * {@code delegate}, timed in {@code registry} under the {@code store} tag {@code storeName}, such
   * as {@code memory}, {@code jdbc} or {@code redis}.
   *
   * @throws IllegalArgumentException if {@code storeName} is blank
   */
  public static MeteredIdempotencyStore of(
      IdempotencyStore delegate, MeterRegistry registry, String storeName) {
    return of(delegate, registry, storeName, Tags.empty());
  }

  /**
   * {@code delegate}, timed in {@code registry} under the {@code store} tag {@code storeName}, with
   * the fixed {@code tags} added to every meter.
   *
   * @throws IllegalArgumentException if {@code storeName} is blank, or a key of {@code tags} is one
   *     this wrapper sets ({@code store}, {@code operation}, {@code outcome})
   */
  public static MeteredIdempotencyStore of(
      IdempotencyStore delegate, MeterRegistry registry, String storeName, Iterable<Tag> tags) {
    return new MeteredIdempotencyStore(
        requireNonNull(delegate, "delegate"),
        requireNonNull(registry, "registry"),
        StaticTags.value(storeName, "storeName"),
        StaticTags.of(tags, RESERVED));
  }

  private static Timer timer(MeterRegistry registry, Tags tags, String operation, String outcome) {
    return Timer.builder(METER_NAME)
        .description(DESCRIPTION)
        .tags(tags)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Claims through the wrapped store and records the claim's outcome, or the error. */
  @Override
  public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
    long start = System.nanoTime();
    Claim claim;
    try {
      claim = delegate.claim(key, ttl);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IdempotencyStoreException | RuntimeException e) {
      claimError.record(System.nanoTime() - start, NANOSECONDS);
      throw e;
    }
    long elapsed = System.nanoTime() - start;
    if (claim == null) {
      claimError.record(elapsed, NANOSECONDS); // a broken store; its caller will see the null
      return null;
    }
    switch (claim.outcome()) {
      case NEW:
        claimNew.record(elapsed, NANOSECONDS);
        break;
      case IN_PROGRESS:
        claimInProgress.record(elapsed, NANOSECONDS);
        break;
      default:
        claimCompleted.record(elapsed, NANOSECONDS);
        break;
    }
    return claim;
  }

  /** Completes through the wrapped store and records {@code completed}, or the error. */
  @Override
  public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
    long start = System.nanoTime();
    try {
      delegate.complete(claim, retention);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IdempotencyStoreException | RuntimeException e) {
      completeError.record(System.nanoTime() - start, NANOSECONDS);
      throw e;
    }
    completed.record(System.nanoTime() - start, NANOSECONDS);
  }

  /** Releases through the wrapped store and records {@code released}, or the error. */
  @Override
  public void release(Claim claim) throws IdempotencyStoreException {
    long start = System.nanoTime();
    try {
      delegate.release(claim);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IdempotencyStoreException | RuntimeException e) {
      releaseError.record(System.nanoTime() - start, NANOSECONDS);
      throw e;
    }
    released.record(System.nanoTime() - start, NANOSECONDS);
  }

  @Override
  public String toString() {
    return "MeteredIdempotencyStore{" + name + ", " + delegate + "}";
  }
}
