package dev.hookverify.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The one SHA-256 helper of hookverify: token digests, delivery-key digests and body hashes all
 * come from here. Every JDK must provide SHA-256, so its absence is an error, not a rejection.
 */
public final class Sha256 {
  private Sha256() {}

  /** A new SHA-256 digest, to be fed in parts. */
  public static MessageDigest newDigest() {
    return Digests.newDigest("SHA-256");
  }

  /** The SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  /** The SHA-256 of {@code text} as UTF-8, in lower-case hex. */
  public static String hexOf(String text) {
    return HexFormat.of().formatHex(of(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The SHA-256 of {@code bytes}, in lower-case hex. */
  public static String hexOf(byte[] bytes) {
    return HexFormat.of().formatHex(of(bytes));
  }
}
