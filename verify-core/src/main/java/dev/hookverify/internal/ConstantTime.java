package dev.hookverify.internal;

import java.security.MessageDigest;

/**
 * The one place where hookverify compares secret-dependent bytes. Every MAC tag, token digest and
 * tenant match goes through {@link #equal}, so the property "no early exit on the first differing
 * byte" is argued and tested once.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * Whether {@code a} and {@code b} hold the same bytes, in time that depends on their lengths
   * only. Callers compare fixed-length values (MAC tags, SHA-256 digests), so the length itself
   * reveals nothing.
   */
  public static boolean equal(byte[] a, byte[] b) {
    // MessageDigest.isEqual is constant time for equal lengths since JDK 6u17.
    return MessageDigest.isEqual(a, b);
  }
}
