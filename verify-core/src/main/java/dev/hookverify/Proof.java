package dev.hookverify;

/** What proved a delivery authentic: how much a {@link VerifiedWebhook} can be trusted. */
public enum Proof {
  /** An HMAC over the signed content, with a shared secret. */
  HMAC_SIGNATURE(true),
  /** A public-key signature (Ed25519, ECDSA) over the signed content. */
  PUBLIC_KEY_SIGNATURE(true),
  /**
   * A shared token sent with the request (Bearer or a named header). Proves the sender knows the
   * token; the body is not signed, so it is only as safe as the transport (TLS).
   */
  SHARED_TOKEN(false),
  /**
   * An unsigned delivery matched to a tenant by a value it carries (for example a domain UUID).
   * Weaker than any signature: anyone who learns the value can forge such deliveries. Never
   * reported as signed.
   */
  TENANT_MATCH(false),
  /**
   * A plain hash of the shared secret followed by the request, {@code SHA-256(secret || content)}:
   * HubSpot's legacy v1 and v2 signatures. Not an HMAC, and never reported as signing anything:
   * anyone holding one signed request can compute, without the secret, a valid hash of that content
   * followed by SHA-256's padding and any bytes they choose (a length extension). What it proves is
   * only that the sender once hashed a prefix of the content, so the body and the headers it covers
   * count as unsigned: delivery ids read from them are unsigned, and the body's end is the
   * attacker's.
   */
  SECRET_PREFIX_DIGEST(false),
  /**
   * A plain hash of the signed content followed by the shared secret, {@code H(content || secret)}:
   * Cloudinary's notification signatures (SHA-1 or SHA-256). Not an HMAC. With the secret last, a
   * length extension does not help a forger: a hash extended past a captured request would have to
   * end with the secret, which only the sender can append. It is weaker than an HMAC in one way
   * that matters: any two contents whose hash states collide before the secret is hashed (same
   * length, same state) get the same signature under every secret, so whoever can find a colliding
   * pair offline, without the secret, and have the sender sign one of them can present the other.
   * For SHA-256 no such pair is known; for SHA-1 chosen-prefix collisions are practical (about 2^63
   * work), so a SHA-1 proof is only as good as the sender's control over what it signs. It counts
   * as signing the content it covers; prefer SHA-256 where the sender offers it.
   */
  SECRET_SUFFIX_DIGEST(true);

  private final boolean signsContent;

  Proof(boolean signsContent) {
    this.signsContent = signsContent;
  }

  /** Whether this proof covers the content cryptographically (a signature of any kind). */
  public boolean signsContent() {
    return signsContent;
  }
}
