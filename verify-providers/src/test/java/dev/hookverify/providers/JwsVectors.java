package dev.hookverify.providers;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The official JWS vectors that are files in the senders' SDK repositories (Google's federated keys
 * and ID token, Apple's test notification, its negatives and test root), kept as test resources
 * beside this class ({@code jws/}, with their sources in {@code SOURCES.md}). Each file is checked
 * against the SHA-256 the catalog records before use, so a changed file fails rather than passes.
 */
final class JwsVectors {
  private JwsVectors() {}

  /** The bytes of vector {@code name}, after checking its SHA-256. */
  static byte[] read(String name, String sha256) {
    try (InputStream in =
        JwsVectors.class.getResourceAsStream("/dev/hookverify/providers/jws/" + name)) {
      if (in == null) {
        throw new AssertionError("official JWS vector missing from the test resources: " + name);
      }
      byte[] bytes = in.readAllBytes();
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!actual.equals(sha256)) {
        throw new AssertionError(name + " is not the catalog's file: sha256 " + actual);
      }
      return bytes;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError("cannot read vector " + name, e);
    }
  }
}
