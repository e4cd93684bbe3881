package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Paddle Billing: {@code Paddle-Signature: ts=<seconds>;h1=<hex>[;h1=<hex>...]}, HMAC-SHA256 over
 * {@code ts:body} (a colon) with the notification destination's secret key. Any {@code h1} may
 * match (rotation). Paddle's helpers allow only 5 seconds, checked both ways here; widen it with
 * {@link #builder(KeyRing, Duration)} if clocks drift. The body's {@code event_id} is the (signed)
 * delivery id. (Paddle Classic's RSA {@code p_signature} is a different product.)
 *
 * @see <a href="https://developer.paddle.com/webhooks/signature-verification">Paddle: signature
 *     verification</a>
 */
public final class Paddle {
  /** The registry name. */
  public static final String NAME = "paddle";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Paddle-Signature";

  /** Paddle's tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(5);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ';',
          "ts",
          "h1",
          SignedContent.builder().timestamp().literal(":").body().build());

  private Paddle() {}

  /** A verifier builder for the secret keys of {@code keys}, with Paddle's 5 s tolerance. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /** A verifier builder with a tolerance of your choice, both ways. */
  public static WebhookVerifier.Builder builder(KeyRing keys, Duration tolerance) {
    return builder(keys, ProviderOptions.builder().tolerance(tolerance).build());
  }

  /**
   * A verifier builder for the secret keys of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces Paddle's 5 s.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys, options.secondsWithin(DEFAULT_TOLERANCE)))
        .deliveryId(JsonFields.deliveryId("event_id"));
  }

  /** The header Paddle sends. */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
