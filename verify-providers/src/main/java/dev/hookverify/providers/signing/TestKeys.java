package dev.hookverify.providers.signing;

/**
 * A fresh key pair in a provider's own formats, for tests and demos: what a sender signs with and
 * what a receiver verifies with. For shared-secret providers both are the same random secret.
 * {@code toString} shows neither.
 */
public final class TestKeys {
  private final String signingKey;
  private final String verificationKey;

  /** A shared secret, the same on both sides. */
  public static TestKeys shared(String secret) {
    return new TestKeys(java.util.Objects.requireNonNull(secret, "secret"), null);
  }

  /** A key pair: the private half the sender signs with, the public half receivers verify with. */
  public static TestKeys pair(String signingKey, String verificationKey) {
    return new TestKeys(
        java.util.Objects.requireNonNull(signingKey, "signingKey"),
        java.util.Objects.requireNonNull(verificationKey, "verificationKey"));
  }

  private TestKeys(String signingKey, String verificationKey) {
    this.signingKey = signingKey;
    this.verificationKey = verificationKey == null ? signingKey : verificationKey;
  }

  /** What the sender signs with: the shared secret, or the private key. */
  public String signingKey() {
    return signingKey;
  }

  /** What the receiver verifies with: the shared secret, or the public key. */
  public String verificationKey() {
    return verificationKey;
  }

  @Override
  public String toString() {
    return "TestKeys{redacted}";
  }
}
