package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link IdempotencyStore} contract, run against every store. Subclasses supply the store and a
 * way to let time pass: a hand-moved clock, or real waiting where the server keeps time.
 */
abstract class IdempotencyStoreContract {
  static final int THREADS = 8;
  static final int KEYS = 150;

  abstract IdempotencyStore store();

  /** How long a lease lasts in these tests. */
  abstract Duration lease();

  /** Lets more than {@code d} pass for the store. */
  abstract void advancePast(Duration d) throws Exception;

  /** Whether the test's clock times the store (false where the server keeps time itself). */
  boolean timedByTheTest() {
    return true;
  }

  /**
   * Durations too long for milliseconds since the epoch ({@code Long.MAX_VALUE} ms, the finding's
   * case), for {@link Duration#toMillis()} at all (the longest {@code Duration}), or for SQL
   * timestamps (10,000 years).
   */
  static List<Duration> huge() {
    return List.of(
        Duration.ofMillis(Long.MAX_VALUE),
        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
        Duration.ofDays(365L * 10_000));
  }

  private static DeliveryKey key() {
    return DeliveryKey.of("test", UUID.randomUUID().toString());
  }

  @Test
  void claim_freeKey_wins() throws Exception {
    DeliveryKey key = key();
    Claim claim = store().claim(key, lease());
    assertThat(claim.isWon()).isTrue();
    assertThat(claim.outcome()).isEqualTo(ClaimOutcome.NEW);
    assertThat(claim.key()).isEqualTo(key);
  }

  @Test
  void claim_heldKey_isInProgressUntilCompletedThenCompleted() throws Exception {
    DeliveryKey key = key();
    Claim first = store().claim(key, lease());
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    store().complete(first, Duration.ofHours(1));
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @Test
  void release_afterFailedHandler_letsTheRetryWin() throws Exception {
    DeliveryKey key = key();
    Claim first = store().claim(key, lease());
    store().release(first);
    Claim retry = store().claim(key, lease());
    assertThat(retry.isWon()).isTrue();
    assertThat(retry.token()).isNotEqualTo(first.token());
  }

  @Test
  void claim_afterLeaseExpires_canBeClaimedAgain() throws Exception {
    DeliveryKey key = key();
    store().claim(key, lease());
    advancePast(lease());
    assertThat(store().claim(key, lease()).isWon()).isTrue();
  }

  @Test
  void claim_afterRetentionExpires_canBeClaimedAgain() throws Exception {
    DeliveryKey key = key();
    Claim first = store().claim(key, lease());
    store().complete(first, lease());
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
    advancePast(lease());
    assertThat(store().claim(key, lease()).isWon()).isTrue();
  }

  @Test
  void completeAndRelease_withAClaimThatWasTakenOver_leaveTheNewHolderAlone() throws Exception {
    DeliveryKey key = key();
    Claim stale = store().claim(key, lease());
    advancePast(lease());
    Claim current = store().claim(key, lease());
    assertThat(current.isWon()).isTrue();

    store().release(stale);
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    store().complete(stale, Duration.ofHours(1));
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    store().complete(current, Duration.ofHours(1));
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @Test
  void release_ofACompletedClaim_keepsItCompleted() throws Exception {
    DeliveryKey key = key();
    Claim claim = store().claim(key, lease());
    store().complete(claim, Duration.ofHours(1));
    store().release(claim);
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @ParameterizedTest
  @MethodSource("huge")
  void complete_hugeRetention_isRememberedNotForgotten(Duration retention) throws Exception {
    DeliveryKey key = key();
    store().complete(store().claim(key, lease()), retention);
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
    advancePast(lease());
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @ParameterizedTest
  @MethodSource("huge")
  void claim_hugeLease_holdsTheKey(Duration lease) throws Exception {
    DeliveryKey key = key();
    assertThat(store().claim(key, lease).isWon()).isTrue();
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    advancePast(lease());
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
  }

  @Test
  void claim_subMillisecondLease_holdsTheKeyForAWholeMillisecond() throws Exception {
    assumeTrue(timedByTheTest(), "the server's clock cannot be held still");
    DeliveryKey key = key();
    assertThat(store().claim(key, Duration.ofNanos(1)).isWon()).isTrue();
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
  }

  @Test
  void claimAndComplete_zeroOrNegativeDurations_areRefused() throws Exception {
    DeliveryKey key = key();
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(-7))) {
      assertThatThrownBy(() -> store().claim(key, bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    Claim claim = store().claim(key, lease());
    assertThat(claim.isWon()).isTrue();
    assertThatThrownBy(() -> store().complete(claim, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().claim(key, lease()).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
  }

  @Test
  void claim_manyThreadsOnOverlappingKeys_exactlyOneWinnerPerKey() throws Exception {
    List<DeliveryKey> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add(key());
    }
    Map<DeliveryKey, AtomicInteger> winners = new ConcurrentHashMap<>();
    AtomicInteger claims = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<DeliveryKey> order = new ArrayList<>(keys);
        Collections.shuffle(order);
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (DeliveryKey key : order) {
                    Claim claim = store().claim(key, Duration.ofMinutes(10));
                    claims.incrementAndGet();
                    if (claim.isWon()) {
                      winners.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    } else {
                      assertThat(claim.outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(claims.get()).isEqualTo(THREADS * KEYS);
    assertThat(winners).hasSize(KEYS);
    assertThat(winners.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }
}
