package dev.hookverify.providers;

import dev.hookverify.internal.ConstantTime;
import dev.hookverify.internal.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Constant-time comparison of texts that are not MACs (verify tokens, domain UUIDs): both sides are
 * reduced to SHA-256 digests first, so the time depends on neither their lengths nor where they
 * differ.
 */
final class Tokens {
  private Tokens() {}

  static boolean equal(String a, String b) {
    return ConstantTime.equal(sha256(a), sha256(b));
  }

  static byte[] sha256(String text) {
    return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
