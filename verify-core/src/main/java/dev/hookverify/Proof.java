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
  SECRET_PREFIX_DIGEST(false);

  private final boolean signsContent;

  Proof(boolean signsContent) {
    this.signsContent = signsContent;
  }

  /** Whether this proof covers the content cryptographically (a signature of any kind). */
  public boolean signsContent() {
    return signsContent;
  }
}
