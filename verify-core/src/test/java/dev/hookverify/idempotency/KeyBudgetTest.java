package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-memory store's bound, counted in per-thread stripes: exact, never exceeded. */
class KeyBudgetTest {
  @Test
  void acquire_givesExactlyMaxKeysCredits_andAReleaseGivesOneBack() {
    KeyBudget budget = new KeyBudget(1_000, 2);
    for (int i = 0; i < 1_000; i++) {
      assertThat(budget.tryAcquire()).as("credit %d", i).isTrue();
    }
    assertThat(budget.tryAcquire()).isFalse();
    assertThat(budget.held()).isEqualTo(1_000);
    budget.release();
    assertThat(budget.held()).isEqualTo(999);
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
  }

  @Test
  void acquire_takesCreditsLeftInOtherThreadsStripes() throws Exception {
    KeyBudget budget = new KeyBudget(4_096, 2);
    // Another thread borrows a chunk into its stripe and releases one more into it.
    Thread other =
        new Thread(
            () -> {
              budget.tryAcquire();
              budget.release();
            });
    other.start();
    other.join();
    int taken = 0;
    while (budget.tryAcquire()) {
      taken++;
    }
    assertThat(taken).isEqualTo(4_096);
    assertThat(budget.held()).isEqualTo(4_096);
  }

  @Test
  void store_fromEightThreadsAtOnce_holdsExactlyMaxKeys_neverMore() throws Exception {
    int maxKeys = 4_096;
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(maxKeys);
    AtomicInteger won = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < maxKeys; i++) {
                    try {
                      DeliveryKey key = DeliveryKey.of("p", thread + "-" + i);
                      if (store.claim(key, Duration.ofMinutes(5)).isWon()) {
                        won.incrementAndGet();
                      }
                    } catch (IdempotencyStoreException full) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    // Nothing was released, so no credit was on its way back: the bound is met exactly.
    assertThat(won.get()).isEqualTo(maxKeys);
    assertThat(refused.get()).isEqualTo(7 * maxKeys);
    assertThat(store.size()).isEqualTo(maxKeys);
  }
}
