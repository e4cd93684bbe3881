package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>} and {@code X-Slack-Request-Timestamp}, HMAC-SHA256
 * over {@code v0:timestamp:body} with the app's signing secret as UTF-8. Slash commands send a
 * form-encoded body: verify the raw bytes. Tolerance 5 minutes both ways. The Events API's {@code
 * event_id} in the signed body is the delivery id.
 *
 * @see <a href="https://docs.slack.dev/authentication/verifying-requests-from-slack/">Slack:
 *     verifying requests</a>
 */
public final class Slack {
  /** The registry name. */
  public static final String NAME = "slack";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.prefixed(
          SIGNATURE_HEADER,
          "v0=",
          TIMESTAMP_HEADER,
          SignedContent.builder().literal("v0:").timestamp().literal(":").body().build());

  private Slack() {}

  /** A verifier for one signing secret. */
  public static WebhookVerifier verifier(WebhookSecret signingSecret) {
    return builder(KeyRing.of(signingSecret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}: a tolerance
   * (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys, options.secondsWithin(TOLERANCE)))
        .deliveryId(JsonFields.deliveryId("event_id"));
  }

  /** The headers Slack sends. */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
