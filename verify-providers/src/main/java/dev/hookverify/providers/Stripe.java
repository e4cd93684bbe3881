package dev.hookverify.providers;

import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Stripe: {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over {@code
 * t.body} with the whole endpoint secret ({@code whsec_...}) as UTF-8. Any {@code v1} may match
 * (secret rolling); {@code v0} and other schemes are ignored. Tolerance 300 s, checked both ways
 * (stripe-java checks the past only). The delivery id is the event's {@code id} in the signed body.
 *
 * @see <a href="https://docs.stripe.com/webhooks#verify-manually">Stripe: verify manually</a>
 */
public final class Stripe {
  /** The registry name. */
  public static final String NAME = "stripe";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Stripe-Signature";

  /** Stripe's default tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "t",
          "v1",
          SignedContent.builder().timestamp().literal(".").body().build());

  private Stripe() {}

  /** A verifier for one endpoint secret. */
  public static WebhookVerifier verifier(WebhookSecret endpointSecret) {
    return builder(KeyRing.of(endpointSecret)).build();
  }

  /** A verifier builder (add a listener, clock or body limit) for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}: a tolerance
   * (both ways) replaces the default 300 s.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator(keys, options.toleranceOr(DEFAULT_TOLERANCE)))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /** The HMAC scheme alone, with a tolerance of your choice (both ways). */
  public static HmacAuthenticator authenticator(KeyRing keys, Duration tolerance) {
    return SCHEME.authenticator(keys, TimestampPolicy.secondsWithin(tolerance));
  }

  /** The headers Stripe sends for {@code body} signed at {@code timestamp} (epoch seconds). */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
