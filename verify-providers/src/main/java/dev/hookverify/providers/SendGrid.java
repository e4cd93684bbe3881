package dev.hookverify.providers;

import dev.hookverify.PublicKeyAuthenticator;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * SendGrid Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature: <base64 DER>} and {@code
 * X-Twilio-Email-Event-Webhook-Timestamp}, an ECDSA P-256 / SHA-256 signature over {@code timestamp
 * + body}; verify with the base64 verification key from Mail Settings. The body separates events
 * with CRLF: keep the raw bytes. SendGrid documents no tolerance and retries for hours, so
 * freshness is not checked by default ({@link #builder(List, Duration)} or the tolerance option,
 * {@link #builder(List, ProviderOptions)}, turns it on); use an idempotency store. Each event
 * carries its own {@code sg_event_id}.
 *
 * @see <a
 *     href="https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features">
 *     SendGrid: event webhook security</a>
 */
public final class SendGrid {
  /** The registry name. */
  public static final String NAME = "sendgrid";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

  static final SignedContent CONTENT = SignedContent.builder().timestamp().body().build();

  private SendGrid() {}

  /** A verifier builder for the base64 verification keys, timestamps not checked for age. */
  public static WebhookVerifier.Builder builder(List<String> verificationKeys) {
    return builder(verificationKeys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the base64 verification keys, configured by {@code options}: a tolerance
   * turns the freshness check on, rejecting timestamps older or further ahead than it; without one,
   * timestamps are not checked for age.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(
      List<String> verificationKeys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    TimestampPolicy policy =
        options
            .tolerance()
            .map(TimestampPolicy::secondsWithin)
            .orElse(TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS));
    return builder(verificationKeys, policy, PublicKeys.DEFAULT);
  }

  /**
   * A verifier builder that also rejects timestamps older or further ahead than {@code tolerance}.
   */
  public static WebhookVerifier.Builder builder(List<String> verificationKeys, Duration tolerance) {
    return builder(verificationKeys, TimestampPolicy.secondsWithin(tolerance), PublicKeys.DEFAULT);
  }

  static WebhookVerifier.Builder builder(
      List<String> verificationKeys, TimestampPolicy policy, PublicKeys.Engine engine) {
    PublicKeyAuthenticator.Builder authenticator =
        engine
            .authenticator(PublicKeys.ECDSA_P256)
            .signatureHeader(
                SignatureHeader.builder(SIGNATURE_HEADER)
                    .encoding(SignatureEncoding.BASE64)
                    .build())
            .signedContent(CONTENT)
            .timestampHeader(TIMESTAMP_HEADER, policy);
    for (int i = 0; i < verificationKeys.size(); i++) {
      authenticator.key("key-" + (i + 1), PublicKeys.ecPublic(verificationKeys.get(i), engine));
    }
    return WebhookVerifier.builder(NAME).authenticator(authenticator.build());
  }

  /** The headers SendGrid sends, signed with a base64 PKCS#8 P-256 private key. */
  static Map<String, String> sign(String privateKeyPkcs8, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] signature =
        PublicKeys.sign(
            PublicKeys.ECDSA_P256,
            PublicKeys.ecPrivate(privateKeyPkcs8, PublicKeys.DEFAULT),
            PublicKeys.DEFAULT,
            ts.getBytes(StandardCharsets.UTF_8),
            body);
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(signature), TIMESTAMP_HEADER, ts);
  }
}
