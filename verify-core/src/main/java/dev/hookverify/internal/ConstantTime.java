package dev.hookverify.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * The one place where hookverify compares secret-dependent bytes. Every MAC tag, token digest and
 * tenant match goes through {@link #equal}, so the property "no early exit on the first differing
 * byte" is argued and tested once.
 */
public final class ConstantTime {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

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
    // no branch on the bytes, and the one test is at the end. Eight bytes at a time (a 32-byte tag
    // is four loads a side); isEqual goes byte by byte with an index computation per byte that only
    // unequal lengths need.
    long difference = 0;
    int i = 0;
    for (; i <= a.length - Long.BYTES; i += Long.BYTES) {
      difference |= (long) LONGS.get(a, i) ^ (long) LONGS.get(b, i);
    }
    for (; i < a.length; i++) {
      difference |= a[i] ^ b[i];
    }
    return difference == 0;
  }
}
