package dev.hookverify.idempotency;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The in-memory store's bound, counted so that concurrent claims write no memory in common: a key
 * held costs one credit, and the {@code maxKeys} credits sit in a shared pool or in per-thread
 * stripes that borrow them from the pool in chunks.
 *
 * <p>Why not one counter: every claim and release wrote it, so with two threads the counter's cache
 * line moved between cores on nearly every operation, and two threads claimed no faster than one.
 * Credits are conserved (pool + stripes + held = {@code maxKeys}), so no more than {@code maxKeys}
 * keys are ever held. A thread whose stripe and the pool are empty takes a credit from another
 * stripe before reporting the store full; a release racing with that search can make it report full
 * while a credit is on its way back, and the store then sweeps and tries once more.
 *
 * <p>Thread-safe.
 */
final class KeyBudget {
  private static final int SPACING = 16; // ints: one 64-byte cache line between stripes
  private static final int PASSES = 2;

  private final int maxKeys;
  private final int stripes;
  private final int chunk;
  private final AtomicInteger pool;
  private final AtomicIntegerArray credits;

  KeyBudget(int maxKeys, int processors) {
    this.maxKeys = maxKeys;
    this.stripes = Math.max(16, 8 * processors);
    // Small enough that stranded credits stay a small share of the bound.
    this.chunk = Math.max(1, Math.min(64, maxKeys / (stripes * 16)));
    this.pool = new AtomicInteger(maxKeys);
    this.credits = new AtomicIntegerArray((stripes + 1) * SPACING);
  }

  /**
   * Takes one credit; false if every credit is held (the store is full). The search is not one
   * atomic look at all stripes: a credit given back to a stripe already searched, or on its way
   * from the pool to another stripe, can be missed. It therefore searches {@value #PASSES} times
   * before it reports the store full, and the store then sweeps and asks once more; a false refusal
   * fails closed (the sender retries).
   */
  boolean tryAcquire() {
    int home = slot(home());
    for (int pass = 0; pass < PASSES; pass++) {
      if (takeOne(home)) {
        return true;
      }
      for (int left = pool.get(); left > 0; left = pool.get()) {
        int take = Math.min(chunk, left);
        if (pool.compareAndSet(left, left - take)) {
          credits.addAndGet(home, take - 1);
          return true;
        }
      }
      for (int s = 0; s < stripes; s++) {
        if (takeOne(slot(s))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Gives back the credit of a key no longer held. */
  void release() {
    credits.incrementAndGet(slot(home()));
  }

  /** The keys held: a snapshot, exact when no claim is under way. */
  int held() {
    int free = pool.get();
    for (int s = 0; s < stripes; s++) {
      free += credits.get(slot(s));
    }
    return maxKeys - free;
  }

  private boolean takeOne(int slot) {
    for (int c = credits.get(slot); c > 0; c = credits.get(slot)) {
      if (credits.compareAndSet(slot, c, c - 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A thread keeps its stripe, so the stripe's line stays in its core's cache; thread ids count up,
   * so threads started together (a pool's) get different stripes.
   */
  private int home() {
    // getId, not threadId (JDK 19+): the project compiles for Java 17, where it is not deprecated.
    return (int) Math.floorMod(Thread.currentThread().getId(), (long) stripes);
  }

  private static int slot(int stripe) {
    return (stripe + 1) * SPACING; // stripe 0 starts a line past the array's header
  }
}
