package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.KeyRing;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import java.util.Optional;

/**
 * Svix, and the senders built on it (Clerk, Resend): Standard Webhooks with {@code svix-id}, {@code
 * svix-timestamp} and {@code svix-signature}; white-labelled accounts send the {@code webhook-*}
 * names instead, which are accepted as well. Secrets are {@code whsec_<base64>}. The delivery id
 * ({@code svix-id}) is signed and stays the same when a message is resent.
 *
 * @see <a href="https://docs.svix.com/receiving/verifying-payloads/how-manual">Svix: verifying
 *     webhooks manually</a>
 */
public final class Svix {
  /** The registry name. */
  public static final String NAME = "svix";

  /** The id header (signed). */
  public static final String ID_HEADER = "svix-id";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "svix-timestamp";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "svix-signature";

  private Svix() {}

  /** A verifier for one {@code whsec_} secret. */
  public static WebhookVerifier verifier(String whsec) {
    return builder(NAME, KeyRing.of(StandardWebhooks.secret(whsec))).build();
  }

  /**
   * A verifier builder for {@code provider} (for example {@code clerk} or {@code resend}) with the
   * secrets of {@code keys} (see {@link StandardWebhooks#secret}).
   */
  public static WebhookVerifier.Builder builder(String provider, KeyRing keys) {
    return builder(provider, keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for {@code provider} with the secrets of {@code keys}, configured by {@code
   * options}: a tolerance (both ways) replaces Standard Webhooks' 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(
      String provider, KeyRing keys, ProviderOptions options) {
    options.allowOnly(provider, ProviderOptions.Option.TOLERANCE);
    TimestampPolicy policy = options.secondsWithin(StandardWebhooks.TOLERANCE);
    DeliveryIdSource svixId = DeliveryIdSource.header(ID_HEADER);
    DeliveryIdSource webhookId = DeliveryIdSource.header(StandardWebhooks.ID_HEADER);
    return WebhookVerifier.builder(provider)
        .authenticator(StandardWebhooks.authenticator("svix", keys, policy))
        .authenticator(StandardWebhooks.authenticator("webhook", keys, policy))
        .deliveryId(
            (request, authentication) -> {
              // The id of the header set that was signed: an unsigned svix-id sent beside signed
              // webhook-* headers (or the other way round) must not become the delivery's id.
              var svix = svixId.deliveryId(request, authentication);
              if (svix.isPresent() && svix.get().isSigned()) {
                return svix;
              }
              var webhook = webhookId.deliveryId(request, authentication);
              return webhook.isPresent() && webhook.get().isSigned() ? webhook : Optional.empty();
            });
  }

  /** The headers Svix sends. */
  static Map<String, String> sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    return StandardWebhooks.sign("svix", secret, id, timestamp, body);
  }
}
