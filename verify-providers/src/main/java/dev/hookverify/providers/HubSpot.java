package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * HubSpot request signatures v3: {@code X-HubSpot-Signature-v3: <base64>} and {@code
 * X-HubSpot-Request-Timestamp} (milliseconds), HMAC-SHA256 with the app's client secret over the
 * method, the full URI as HubSpot called it, the raw body and the timestamp. Tolerance 5 minutes
 * both ways. (The v1 and v2 signatures, plain SHA-256 hashes of the secret and the request, are
 * sent alongside for compatibility and are not accepted here.)
 *
 * @see <a href="https://developers.hubspot.com/docs/api/webhooks/validating-requests">HubSpot:
 *     validating requests</a>
 */
public final class HubSpot {
  /** The registry name. */
  public static final String NAME = "hubspot";

  /** The v3 signature header. */
  public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";

  /** The timestamp header (milliseconds). */
  public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final SignedContent CONTENT =
      SignedContent.builder().method().uri().body().timestamp().build();

  private HubSpot() {}

  /** A verifier builder for the client secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER)
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .signedContent(CONTENT)
                .timestampHeader(TIMESTAMP_HEADER)
                .timestampPolicy(TimestampPolicy.milliseconds(TOLERANCE, TOLERANCE))
                .keys(keys)
                .build());
  }

  /**
   * The headers HubSpot sends for a {@code method} request to {@code uri} at {@code
   * timestampMillis}.
   */
  public static Map<String, String> sign(
      WebhookSecret secret, String method, String uri, long timestampMillis, byte[] body) {
    String ts = Long.toString(timestampMillis);
    WebhookRequest request = Signed.request(method, uri, Map.of(), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, ts);
    return Signed.headers(TIMESTAMP_HEADER, ts, SIGNATURE_HEADER, Signed.base64(tag));
  }
}
