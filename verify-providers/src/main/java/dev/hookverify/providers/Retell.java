package dev.hookverify.providers;

import dev.hookverify.ContentSink;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Retell AI: {@code x-retell-signature: v=<unix ms>,d=<hex>}, HMAC-SHA256 with the Retell API key
 * as UTF-8 over the raw body <em>followed by</em> the millisecond timestamp, no separator ({@code
 * body + v}). Tolerance 5 minutes both ways, as retell-sdk checks. The header goes through the one
 * signature grammar: a second {@code v} is {@link dev.hookverify.Reason#MALFORMED_SIGNATURE}, at
 * most 16 {@code d} items are read, a timestamp of more than 18 digits is {@link
 * dev.hookverify.Reason#MALFORMED_TIMESTAMP} (so no huge value overflows the age check). No
 * delivery id is signed apart from the body; the idempotency key is the digest of the signed body
 * and timestamp.
 *
 * @see <a href="https://docs.retellai.com/features/secure-webhook">Retell AI: secure the
 *     webhook</a>
 */
public final class Retell {
  /** The registry name. */
  public static final String NAME = "retell";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-retell-signature";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final SignatureHeader HEADER =
      SignatureHeader.builder(SIGNATURE_HEADER)
          .list(',', '=', "d")
          .timestampKey("v")
          .encoding(SignatureEncoding.HEX)
          .build();

  /**
   * The body, then {@code v}. Nothing separates them, so a {@code v} written with a leading zero
   * would let a body's trailing zeros move into the timestamp unchanged in value ({@code
   * body="..0", v=17..} signs as {@code body="..", v=017..}): such a {@code v} is refused before
   * anything is hashed. Any other move changes {@code v} by at least 10^12 ms, far outside the
   * largest tolerance ({@link ProviderOptions.Builder#tolerance}: 366 days).
   */
  static final SignedContent CONTENT =
      SignedContent.builder().part(Retell::canonicalTimestamp).body().timestamp().build();

  private Retell() {}

  /** A verifier for one API key. */
  public static WebhookVerifier verifier(WebhookSecret apiKey) {
    return builder(KeyRing.of(apiKey)).build();
  }

  /** A verifier builder for the API keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the API keys of {@code keys}, configured by {@code options}: a tolerance
   * (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    Duration tolerance = options.toleranceOr(TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(HEADER)
                .signedContent(CONTENT)
                .timestampPolicy(TimestampPolicy.milliseconds(tolerance, tolerance))
                .keys(keys)
                .build());
  }

  /** Writes nothing: refuses a {@code v} with a leading zero (see {@link #CONTENT}). */
  private static void canonicalTimestamp(ContentSink sink, WebhookRequest request, CharSequence v)
      throws WebhookVerificationException {
    if (v.length() > 1 && v.charAt(0) == '0') {
      throw new WebhookVerificationException(
          Reason.MALFORMED_TIMESTAMP, "v has a leading zero: it is not as Retell writes it");
    }
  }

  /** The header Retell sends for {@code body} signed at {@code timestampMillis}. */
  static Map<String, String> sign(WebhookSecret apiKey, long timestampMillis, byte[] body) {
    String v = Long.toString(timestampMillis);
    byte[] tag =
        CONTENT.hmac(HmacAlgorithm.SHA256, apiKey, Signed.request("POST", "", Map.of(), body), v);
    return Signed.headers(SIGNATURE_HEADER, "v=" + v + ",d=" + Signed.hex(tag));
  }
}
