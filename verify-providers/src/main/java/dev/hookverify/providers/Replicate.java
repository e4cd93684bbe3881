package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;

/**
 * Replicate webhooks, a Standard Webhooks sender: {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64>}, HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64 after {@code whsec_} of the secret from {@code GET /v1/webhooks/default/secret}.
 * Replicate's own {@code validateWebhook} checks no timestamp; here the Standard Webhooks window
 * applies, 300 s both ways (configurable), so a captured delivery cannot be replayed later. The
 * delivery id {@code webhook-id} is signed.
 *
 * @see <a href="https://replicate.com/docs/topics/webhooks/verify-webhook">Replicate: verify
 *     webhooks</a>
 * @see StandardWebhooks
 */
public final class Replicate {
  /** The registry name. */
  public static final String NAME = "replicate";

  /** The tolerance, both ways (Replicate's SDK checks none). */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  private Replicate() {}

  /** A verifier for one {@code whsec_} signing secret. */
  public static WebhookVerifier verifier(String whsec) {
    return builder(KeyRing.of(StandardWebhooks.secret(whsec))).build();
  }

  /** A verifier builder for the secrets of {@code keys} (see {@link StandardWebhooks#secret}). */
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
        .authenticator(
            StandardWebhooks.authenticator("webhook", keys, options.secondsWithin(TOLERANCE)))
        .deliveryId(DeliveryIdSource.header(StandardWebhooks.ID_HEADER));
  }
}
