package dev.hookverify.idempotency;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where claim tokens come from: a few independent {@code DRBG} generators (NIST SP 800-90A
 * Hash_DRBG, each seeded from the system's entropy source), one per token.
 *
 * <p>Why several: the JDK's default {@code SecureRandom} on Linux (NativePRNG) serialises every
 * caller in the JVM on one lock, so concurrent claims queued for their tokens. A generator per
 * thread would not do either: virtual threads would seed one per request. A fixed stripe of twice
 * the processors keeps two callers on the same generator rare, and every token is still 128 bits
 * from a cryptographic generator, as unguessable as from one shared instance: tokens of the shared
 * stores prove ownership across processes.
 *
 * <p>Which generator serves a call is not secret and needs no strength. A thread starts at its own
 * stripe (from its identity hash), so a platform thread keeps using one generator whose buffer
 * stays in its core's cache; a stripe picked at random per call made two threads trade the buffers'
 * cache lines on nearly every token. A busy stripe is skipped, not waited for ({@code tryLock});
 * only when every stripe is busy does the caller wait, at its own.
 *
 * <p>Each generator is asked for {@value #BATCH} tokens' bytes at once and hands them out in order,
 * each byte once: a DRBG request costs about as much for 16 bytes as for 256, and the buffered
 * bytes are no more exposed than the generator's own state in the same heap.
 *
 * <p>Thread-safe.
 */
final class ClaimTokens {
  private static final int TOKEN_BYTES = 16;
  private static final int BATCH = 16;
  private static final Stripe[] STRIPES = stripes();

  private ClaimTokens() {}

  /** 128 fresh random bits, base64url without padding: 22 characters. */
  static String next() {
    byte[] bytes = new byte[TOKEN_BYTES];
    int home = (System.identityHashCode(Thread.currentThread()) & 0x7fffffff) % STRIPES.length;
    for (int i = 0; i < STRIPES.length; i++) {
      if (STRIPES[(home + i) % STRIPES.length].tryFill(bytes)) {
        return encode(bytes);
      }
    }
    STRIPES[home].fill(bytes);
    return encode(bytes);
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** How many generators tokens are drawn from. */
  static int stripes(int processors) {
    return Math.max(2, 2 * processors);
  }

  private static Stripe[] stripes() {
    Stripe[] stripes = new Stripe[stripes(Runtime.getRuntime().availableProcessors())];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe(generator());
    }
    return stripes;
  }

  private static SecureRandom generator() {
    try {
      return SecureRandom.getInstance("DRBG"); // seeded on first use
    } catch (NoSuchAlgorithmException e) {
      // Every JDK since 9 has it (the SUN provider); a stripped-down runtime gets the default.
      return new SecureRandom();
    }
  }

  /** One generator and the bytes it produced that no token has used yet. */
  private static final class Stripe {
    // A lock rather than synchronized: a virtual thread waiting here does not pin its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private final SecureRandom random;
    private final byte[] buffer = new byte[TOKEN_BYTES * BATCH];
    private int used = buffer.length;

    Stripe(SecureRandom random) {
      this.random = random;
    }

    /** Fills {@code token} unless another thread holds this stripe. */
    boolean tryFill(byte[] token) {
      if (!lock.tryLock()) {
        return false;
      }
      try {
        take(token);
      } finally {
        lock.unlock();
      }
      return true;
    }

    void fill(byte[] token) {
      lock.lock();
      try {
        take(token);
      } finally {
        lock.unlock();
      }
    }

    private void take(byte[] token) {
      if (used == buffer.length) {
        random.nextBytes(buffer);
        used = 0;
      }
      System.arraycopy(buffer, used, token, 0, token.length);
      Arrays.fill(buffer, used, used + token.length, (byte) 0); // handed out once
      used += token.length;
    }
  }
}
