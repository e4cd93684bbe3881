package dev.hookverify;

/**
 * Why a webhook was rejected. Stable: applications switch on it, count it and map it to an HTTP
 * status; {@link #httpStatus()} suggests one.
 */
public enum Reason {
  /** No credential (signature or token) header was sent. */
  MISSING_SIGNATURE(401),
  /** The credential header was sent but cannot be parsed, is oversized, or repeated. */
  MALFORMED_SIGNATURE(401),
  /** The credential is well formed but matches no active key. */
  SIGNATURE_MISMATCH(401),
  /** The scheme signs a timestamp and none was sent. */
  MISSING_TIMESTAMP(401),
  /** The timestamp is not a plain decimal number of the expected unit. */
  MALFORMED_TIMESTAMP(401),
  /** The timestamp is older than the policy allows: a stale or replayed delivery. */
  TIMESTAMP_TOO_OLD(401),
  /** The timestamp is further ahead of this server's clock than the policy allows. */
  TIMESTAMP_IN_FUTURE(401),
  /** The tenant could not be determined, or it has no keys. */
  UNKNOWN_TENANT(401),
  /** The key ring has keys, but none is inside its validity window now. */
  NO_ACTIVE_KEY(401),
  /**
   * A certificate-signed message names a certificate URL that is not one of the sender's: not
   * https, another host (or a look-alike such as {@code sns.us-east-1.amazonaws.com.evil.example}),
   * user information, a port, a query or an unusual path. Checked before the certificate is looked
   * up, so such a URL is never fetched.
   */
  UNTRUSTED_CERTIFICATE_URL(401),
  /**
   * The certificate a message names is not one this verifier trusts now: none was supplied for its
   * URL, it is outside its validity period, it names another subject, or its key is not the
   * sender's kind (RSA of at least 2048 bits).
   */
  UNTRUSTED_CERTIFICATE(401),
  /** The body exceeds the configured limit; nothing was hashed. */
  BODY_TOO_LARGE(413),
  /**
   * The verifier requires a signed delivery id to deduplicate on ({@link
   * IdempotentVerifier.Builder#requireSignedDeliveryId()}) and the delivery has none.
   */
  MISSING_DELIVERY_ID(400),
  /** This delivery was processed to completion before. Answer 2xx so the sender stops retrying. */
  DUPLICATE_DELIVERY(200),
  /**
   * This delivery is being processed right now by another request. Answer 409 so the sender retries
   * later; the retry is processed if the first attempt fails.
   */
  DELIVERY_IN_PROGRESS(409),
  /** The idempotency store failed; the delivery is rejected so the sender retries (fail closed). */
  IDEMPOTENCY_STORE_UNAVAILABLE(503),
  /**
   * An application callback (header lookup, tenant resolver, key lookup) or the JCA provider
   * failed; the delivery is rejected so the sender retries (fail closed).
   */
  VERIFIER_ERROR(503);

  private final int httpStatus;

  Reason(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /**
   * The HTTP status a receiver should answer with: 401 for authentication failures (say nothing
   * more to the caller), 413, 409, 503 for retryable conditions, and 200 for a completed duplicate.
   */
  public int httpStatus() {
    return httpStatus;
  }
}
