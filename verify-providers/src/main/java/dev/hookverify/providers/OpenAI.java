package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;

/**
 * OpenAI webhooks, a Standard Webhooks sender: {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64>}, HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64 after {@code whsec_} of the endpoint's signing secret. Tolerance 300 s both ways, as
 * openai-java and openai-node check ("too old", "too new"). The delivery id {@code webhook-id} is
 * signed; the event id ({@code evt_...}) is in the body.
 *
 * <p>openai-java also accepts a secret without {@code whsec_} and then uses its text as the key;
 * here a secret without the prefix is read as base64, as every Standard Webhooks secret is.
 *
 * @see <a href="https://platform.openai.com/docs/guides/webhooks">OpenAI: webhooks</a>
 * @see StandardWebhooks
 */
public final class OpenAI {
  /** The registry name. */
  public static final String NAME = "openai";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  private OpenAI() {}

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
