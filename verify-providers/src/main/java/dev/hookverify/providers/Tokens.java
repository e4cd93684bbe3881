package dev.hookverify.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constant-time comparison of texts that are not MACs (verify tokens, domain UUIDs): both sides are
 * reduced to SHA-256 digests first, so the time depends on neither their lengths nor where they
 * differ.
 */
final class Tokens {
  private Tokens() {}

  static boolean equal(String a, String b) {
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
