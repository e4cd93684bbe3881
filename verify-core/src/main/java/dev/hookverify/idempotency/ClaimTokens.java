package dev.hookverify.idempotency;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where claim tokens come from: a few independent {@code DRBG} generators (NIST SP 800-90A
 * Hash_DRBG, each seeded from the system's entropy source), one picked at random per token.
 *
 * <p>Why several: the JDK's default {@code SecureRandom} on Linux (NativePRNG) serialises every
 * caller in the JVM on one lock, so concurrent claims queued for their tokens. A generator per
 * thread would not do either: virtual threads would seed one per request. A fixed stripe of twice
 * the processors keeps two callers on the same generator rare, and every token is still 128 bits
 * from a cryptographic generator, as unguessable as from one shared instance: tokens of the shared
 * stores prove ownership across processes. Which generator serves a call (ThreadLocalRandom) is not
 * secret and needs no strength.
 *
 * <p>Thread-safe: each DRBG is.
 */
final class ClaimTokens {
  private static final SecureRandom[] GENERATORS = generators();

  private ClaimTokens() {}

  /** 128 fresh random bits, base64url without padding: 22 characters. */
  static String next() {
    byte[] bytes = new byte[16];
    GENERATORS[ThreadLocalRandom.current().nextInt(GENERATORS.length)].nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** How many generators tokens are drawn from. */
  static int generators(int processors) {
    return Math.max(2, 2 * processors);
  }

  private static SecureRandom[] generators() {
    SecureRandom[] generators =
        new SecureRandom[generators(Runtime.getRuntime().availableProcessors())];
    for (int i = 0; i < generators.length; i++) {
      try {
        generators[i] = SecureRandom.getInstance("DRBG"); // seeded on first use
      } catch (NoSuchAlgorithmException e) {
        // Every JDK since 9 has it (the SUN provider); a stripped-down runtime gets the default.
        generators[i] = new SecureRandom();
      }
    }
    return generators;
  }
}
