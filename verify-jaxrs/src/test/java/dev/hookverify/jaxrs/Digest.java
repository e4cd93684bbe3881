package dev.hookverify.jaxrs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Digest {
  private Digest() {}

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
