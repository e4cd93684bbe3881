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
 * Zendesk webhooks: {@code X-Zendesk-Webhook-Signature: <base64>} and {@code
 * X-Zendesk-Webhook-Signature-Timestamp} (RFC 3339, such as {@code 2021-03-25T05:09:27Z}),
 * HMAC-SHA256 over the timestamp exactly as sent followed by the raw body, with no separator. The
 * key is the webhook's signing secret used as its UTF-8 text: it looks like base64 but is not
 * decoded (Zendesk's test webhooks use the published secret {@value #TEST_SIGNING_SECRET}). Zendesk
 * prescribes no tolerance; hookverify allows 5 minutes both ways. The delivery id is the event's
 * {@code id} in the signed body; {@code X-Zendesk-Webhook-Invocation-Id} is not signed.
 *
 * @see <a href="https://developer.zendesk.com/documentation/webhooks/verifying/">Zendesk: verifying
 *     webhook authenticity</a>
 */
public final class Zendesk {
  /** The registry name. */
  public static final String NAME = "zendesk";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";

  /** The timestamp header (signed). */
  public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

  /** The webhook id header (unsigned). */
  public static final String WEBHOOK_ID_HEADER = "X-Zendesk-Webhook-Id";

  /** The invocation id header (unsigned). */
  public static final String INVOCATION_ID_HEADER = "X-Zendesk-Webhook-Invocation-Id";

  /** The signing secret Zendesk signs test webhooks with before a webhook exists (its docs). */
  public static final String TEST_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final SignedContent CONTENT = SignedContent.builder().timestamp().body().build();

  private Zendesk() {}

  /** A verifier for one signing secret (its text, not decoded). */
  public static WebhookVerifier verifier(String signingSecret) {
    return builder(KeyRing.of(WebhookSecret.ofUtf8(signingSecret))).build();
  }

  /** A verifier builder for the signing secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signing secrets of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    Duration tolerance = options.toleranceOr(TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER)
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .signedContent(CONTENT)
                .timestampHeader(TIMESTAMP_HEADER)
                .timestampPolicy(TimestampPolicy.rfc3339(tolerance, tolerance))
                .keys(keys)
                .build())
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /**
   * The headers Zendesk sends; {@code timestamp} is RFC 3339, such as {@code 2021-03-25T05:09:27Z}.
   */
  static Map<String, String> sign(WebhookSecret secret, String timestamp, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, timestamp);
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(tag), TIMESTAMP_HEADER, timestamp);
  }
}
