package dev.hookverify.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one place hookverify asks the JDK for a message digest (SHA-256 for tokens, keys and body
 * hashes; SHA-1 where a sender still uses it: Braintree's key, Cloudinary's keyed hash). Every JDK
 * must provide both, so their absence is an error, not a rejection.
 */
public final class Digests {
  private Digests() {}

  /** A new digest, {@code "SHA-256"} or {@code "SHA-1"}, to be fed in parts. */
  public static MessageDigest newDigest(String algorithm) {
    if (!algorithm.equals("SHA-256") && !algorithm.equals("SHA-1")) {
      throw new IllegalArgumentException("not a digest hookverify uses: " + algorithm);
    }
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }
}
