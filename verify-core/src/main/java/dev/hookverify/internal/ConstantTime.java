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
    if (a.length != b.length) {
      // MessageDigest.isEqual is constant time for any lengths since JDK 6u17; lengths differ only
      // for a received signature of the wrong size, whose length the sender chose.
      return MessageDigest.isEqual(a, b);
    }
    // Equal lengths, the verification path: every byte is read and every difference OR-ed in, with
    // no branch on the bytes, and the one test is at the end. isEqual does the same with an index
    // computation per byte that only unequal lengths need; this loop costs a fraction of it.
    int difference = 0;
    for (int i = 0; i < a.length; i++) {
      difference |= a[i] ^ b[i];
    }
    return difference == 0;
  }
}
