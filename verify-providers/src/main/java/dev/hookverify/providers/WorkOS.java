package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * WorkOS: {@code WorkOS-Signature: t=<unix ms>, v1=<hex>}, HMAC-SHA256 over {@code t.body} (the
 * timestamp exactly as sent, in milliseconds) with the endpoint's webhook secret as UTF-8. The
 * items are read by name, with spaces around them ignored, not by position as WorkOS's Node SDK
 * does. 3 minutes both ways, as WorkOS's Java SDK ({@code com.workos.webhooks.Webhook}: the
 * absolute difference against its 180,000 ms tolerance); its Node SDK bounds only the past. The
 * delivery id is the event's {@code id} in the signed body.
 *
 * @see <a href="https://workos.com/docs/events/data-syncing/webhooks">WorkOS: webhooks, validating
 *     requests</a>
 */
public final class WorkOS {
  /** The registry name. */
  public static final String NAME = "workos";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "WorkOS-Signature";

  /** The tolerance, both ways (WorkOS's Java SDK: 180,000 ms). */
  public static final Duration TOLERANCE = Duration.ofMinutes(3);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "t",
          "v1",
          SignedContent.builder().timestamp().literal(".").body().build());

  private WorkOS() {}

  /** A verifier for one webhook secret. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the webhook secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the webhook secrets of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 3 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    Duration tolerance = options.toleranceOr(TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            SCHEME.authenticator(keys, TimestampPolicy.milliseconds(tolerance, tolerance)))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /**
   * The header WorkOS sends, {@code t=<ms>, v1=<hex>} (a comma and a space, as WorkOS's SDKs write
   * it).
   */
  static Map<String, String> sign(WebhookSecret secret, long timestampMillis, byte[] body) {
    String ts = Long.toString(timestampMillis);
    byte[] tag =
        SCHEME
            .content()
            .hmac(HmacAlgorithm.SHA256, secret, Signed.request("POST", "", Map.of(), body), ts);
    return Signed.headers(SIGNATURE_HEADER, "t=" + ts + ", v1=" + Signed.hex(tag));
  }
}
