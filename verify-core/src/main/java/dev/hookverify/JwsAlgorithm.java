package dev.hookverify;

/**
 * The JWS algorithms a {@link JwsVerifier} can be pinned to (RFC 7518). A verifier checks the
 * token's {@code alg} against its one pinned algorithm and never lets the token choose: {@code
 * none} and every other name are refused, and the key types a verifier accepts follow from its
 * algorithm, so an RSA public key can never be used as an HMAC secret.
 */
public enum JwsAlgorithm {
  /** HMAC with SHA-256, keyed with a shared secret (Vonage, Netlify). */
  HS256("HmacSHA256", 32),
  /** RSASSA-PKCS1-v1_5 with SHA-256, an RSA public key of at least 2048 bits (Google). */
  RS256("SHA256withRSA", -1),
  /**
   * ECDSA on P-256 with SHA-256, the signature as {@code r || s} (64 bytes, as JWS writes it, not
   * DER): the JDK's {@code SHA256withECDSAinP1363Format} (Apple).
   */
  ES256("SHA256withECDSAinP1363Format", 64);

  private final String jcaName;
  private final int signatureBytes;

  JwsAlgorithm(String jcaName, int signatureBytes) {
    this.jcaName = jcaName;
    this.signatureBytes = signatureBytes;
  }

  /** The JCA name of the MAC or signature algorithm. */
  public String jcaName() {
    return jcaName;
  }

  /** The exact signature length in bytes, or -1 where the key decides (RSA). */
  int signatureBytes() {
    return signatureBytes;
  }
}
