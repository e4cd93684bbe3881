package dev.hookverify.idempotency;

import dev.hookverify.internal.Reusable;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where claim tokens come from: {@code DRBG} generators (NIST SP 800-90A Hash_DRBG, each seeded
 * from the system's entropy source), one per platform thread and a small pool for virtual threads
 * ({@link Reusable}, as for {@code Mac}s).
 *
 * <p>Why not one generator: the JDK's default {@code SecureRandom} on Linux (NativePRNG) serialises
 * every caller in the JVM on one lock, so concurrent claims queued for their tokens. Nor a few
 * shared ones picked per call: even without waiting, two threads then took turns writing the same
 * generators and buffers, whose memory moved between the cores on nearly every token, and two
 * threads claimed no faster than one. A generator of the thread's own is written by that thread
 * only. Every token is still 128 bits from a cryptographic generator seeded on its own, as
 * unguessable as from one shared instance: tokens of the shared stores prove ownership across
 * processes.
 *
 * <p>On virtual threads a generator is taken from the pool only around the copy of a token's bytes,
 * which never blocks, so no more are in use at once than there are carrier threads and the pool (a
 * few per core) does not run dry: a generator is seeded per pooled slot, not per request.
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
  private static final Reusable<Source> SOURCES = new Reusable<>(Source::new);

  private ClaimTokens() {}

  /** 128 fresh random bits, base64url without padding: 22 characters. */
  static String next() {
    byte[] bytes = new byte[TOKEN_BYTES];
    Source source = SOURCES.take();
    try {
      source.fill(bytes);
    } finally {
      SOURCES.give(source); // consistent even if the generator threw: it refills next time
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** One generator and the bytes it produced that no token has used yet; one thread at a time. */
  private static final class Source {
    private final SecureRandom random = generator();
    private final byte[] buffer = new byte[TOKEN_BYTES * BATCH];
    private int used = buffer.length;

    void fill(byte[] token) {
      if (used == buffer.length) {
        random.nextBytes(buffer);
        used = 0;
      }
      System.arraycopy(buffer, used, token, 0, token.length);
      Arrays.fill(buffer, used, used + token.length, (byte) 0); // handed out once
      used += token.length;
    }

    private static SecureRandom generator() {
      try {
        return SecureRandom.getInstance("DRBG"); // seeded on first use
      } catch (NoSuchAlgorithmException e) {
        // Every JDK since 9 has it (the SUN provider); a stripped-down runtime gets the default.
        return new SecureRandom();
      }
    }
  }
}
