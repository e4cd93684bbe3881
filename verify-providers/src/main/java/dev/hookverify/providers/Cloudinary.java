package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.SecretSuffixDigestAuthenticator;
import dev.hookverify.SecretSuffixDigestAuthenticator.Algorithm;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;

/**
 * Cloudinary upload and notification callbacks: {@code X-Cld-Signature: <hex>} and {@code
 * X-Cld-Timestamp: <seconds>}, where the signature is a <b>plain hash, not an HMAC</b>: {@code
 * hex(SHA1(body + timestamp + api_secret))}, or SHA-256 when the account's signature algorithm is
 * set to SHA-256. The algorithm is the account's setting, never read from the request: a verifier
 * for SHA-256 accounts ({@code cloudinary-sha256}) refuses SHA-1 signatures, so nobody can
 * downgrade it.
 *
 * <p><b>Why this is weaker than the HMAC senders.</b> The proof is {@link
 * dev.hookverify.Proof#SECRET_SUFFIX_DIGEST}. With the secret hashed last, the length extension
 * that breaks HubSpot's {@code SHA-256(secret || body)} does not apply: extending a captured
 * signature yields the hash of {@code body || timestamp || secret || padding || more}, which no
 * request can present, as every valid signature must end with the secret. What does apply is
 * collisions: two equally long bodies whose hash states collide get the same signature whatever the
 * secret, and such pairs are found offline, without the secret. For SHA-1, chosen-prefix collisions
 * are practical, so an attacker who can make Cloudinary sign one body of such a pair (by
 * controlling enough of a notification's content) can present the other. Prefer the SHA-256
 * setting. The body and timestamp are also simply concatenated, so a leading zero in the timestamp
 * is refused (a {@code 0} moved out of the body's end would keep the signature and the time).
 * Cloudinary's SDKs compare with {@code String.equals}; here the bytes are compared in constant
 * time.
 *
 * <p>Freshness: Cloudinary's SDKs check only the age, {@code now - timestamp <= validFor} (Java:
 * the caller chooses; Node and Ruby: 7,200 s by default), and accept any future timestamp. Here the
 * default is 7,200 s past and 300 s ahead; a tolerance option sets both sides. No delivery id:
 * deliveries are keyed on a digest of the signed body and timestamp.
 *
 * @see <a
 *     href="https://cloudinary.com/documentation/notifications#verifying_notification_signatures">
 *     Cloudinary: verifying notification signatures</a>
 */
public final class Cloudinary {
  /** The registry name for accounts signing with SHA-1 (Cloudinary's default). */
  public static final String NAME = "cloudinary";

  /** The registry name for accounts whose signature algorithm is SHA-256. */
  public static final String SHA256_NAME = "cloudinary-sha256";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Cld-Signature";

  /** The timestamp header (signed). */
  public static final String TIMESTAMP_HEADER = "X-Cld-Timestamp";

  /** How old a notification may be by default: the 7,200 s of Cloudinary's Node and Ruby SDKs. */
  public static final Duration VALID_FOR = Duration.ofSeconds(7200);

  /** How far ahead of this server's clock a timestamp may be by default. */
  public static final Duration FUTURE_SKEW = Duration.ofSeconds(300);

  static final SignedContent CONTENT = SignedContent.builder().body().timestamp().build();

  private Cloudinary() {}

  /** A verifier builder for SHA-1 accounts, with the API secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(Algorithm.SHA1, keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for accounts signing with {@code algorithm}, with the API secrets of {@code
   * keys}, configured by {@code options}: a tolerance replaces both the 7,200 s of age and the 300
   * s ahead.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(
      Algorithm algorithm, KeyRing keys, ProviderOptions options) {
    String name = algorithm == Algorithm.SHA1 ? NAME : SHA256_NAME;
    options.allowOnly(name, ProviderOptions.Option.TOLERANCE);
    TimestampPolicy policy =
        options.tolerance().isPresent()
            ? TimestampPolicy.secondsWithin(options.tolerance().get())
            : TimestampPolicy.seconds(VALID_FOR, FUTURE_SKEW);
    return WebhookVerifier.builder(name).authenticator(authenticator(algorithm, keys, policy));
  }

  /**
   * The keyed-hash scheme alone, with a timestamp policy of your choice that checks freshness
   * within at most 366 days either way: the body and timestamp are concatenated, and only the
   * window rejects a digit moved between them.
   *
   * @throws IllegalStateException if {@code policy} does not check freshness, or allows more than
   *     366 days either way
   */
  public static SecretSuffixDigestAuthenticator authenticator(
      Algorithm algorithm, KeyRing keys, TimestampPolicy policy) {
    return SecretSuffixDigestAuthenticator.builder(algorithm)
        .signatureHeader(SignatureHeader.builder(SIGNATURE_HEADER).build())
        .signedContent(CONTENT)
        .timestampHeader(TIMESTAMP_HEADER)
        .timestampPolicy(policy)
        .keys(keys)
        .build();
  }

  /** The headers Cloudinary sends for {@code body} at {@code timestamp}, with the API secret. */
  static Map<String, String> sign(
      Algorithm algorithm, String apiSecret, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    MessageDigest digest = Digests.newDigest(algorithm == Algorithm.SHA1 ? "SHA-1" : "SHA-256");
    digest.update(body);
    digest.update(ts.getBytes(StandardCharsets.US_ASCII));
    digest.update(WebhookSecretText.bytes(apiSecret));
    return Signed.headers(SIGNATURE_HEADER, Signed.hex(digest.digest()), TIMESTAMP_HEADER, ts);
  }
}
