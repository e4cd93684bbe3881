package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Calendly: {@code Calendly-Webhook-Signature: t=<seconds>,v1=<hex>}, HMAC-SHA256 over {@code
 * t.body} with the webhook signing key. Tolerance 3 minutes both ways, as Calendly recommends. No
 * delivery id.
 *
 * @see <a href="https://developer.calendly.com/api-docs/ZG9jOjM2MzE2MDM4-webhook-signatures">
 *     Calendly: webhook signatures</a>
 */
public final class Calendly {
  /** The registry name. */
  public static final String NAME = "calendly";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Calendly-Webhook-Signature";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(3);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "t",
          "v1",
          SignedContent.builder().timestamp().literal(".").body().build());

  private Calendly() {}

  /** A verifier builder for the signing keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signing keys of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 3 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys, options.secondsWithin(TOLERANCE)));
  }

  /** The header Calendly sends. */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
