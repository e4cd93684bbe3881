package dev.hookverify.providers;

/**
 * A fresh key pair in a provider's own formats, for tests and demos: what a sender signs with and
 * what a receiver verifies with. For shared-secret providers both are the same random secret.
 * {@code toString} shows neither.
 */
public final class TestKeys {
  private final String signingKey;
  private final String verificationKey;

  /** A pair; a null verification key means a shared secret, the same on both sides. */
  TestKeys(String signingKey, String verificationKey) {
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
