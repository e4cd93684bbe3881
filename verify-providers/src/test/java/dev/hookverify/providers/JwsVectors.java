package dev.hookverify.providers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The official JWS vectors that are files in the senders' SDK repositories (Google's federated keys
 * and ID token, Apple's test notification and test root). They are data of those repositories, not
 * of hookverify, so they are not committed here: they are kept beside the catalog, in the steering
 * repository's {@code shared/vectors/jws/}, found by walking up from the working directory (CI lays
 * {@code shared/} beside the clone), or in the directory named by the system property {@code
 * hookverify.vectors.jws}. Each file is checked against the SHA-256 the catalog records before use;
 * a test is skipped, saying why, when the files are not there.
 */
final class JwsVectors {
  private JwsVectors() {}

  /** The bytes of vector {@code name}, after checking its SHA-256; skips the test when absent. */
  static byte[] read(String name, String sha256) {
    Path dir = directory();
    assumeTrue(dir != null, "official JWS vectors not found (shared/vectors/jws)");
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve(name));
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!actual.equals(sha256)) {
        throw new AssertionError(name + " is not the catalog's file: sha256 " + actual);
      }
      return bytes;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError("cannot read vector " + name, e);
    }
  }

  private static Path directory() {
    String configured = System.getProperty("hookverify.vectors.jws");
    if (configured != null && Files.isDirectory(Paths.get(configured))) {
      return Paths.get(configured);
    }
    for (Path at = Paths.get("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve("shared").resolve("vectors").resolve("jws");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
