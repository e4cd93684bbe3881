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
 * Mux: {@code Mux-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over {@code t.body}
 * with the webhook signing secret (not the API token) as UTF-8. Any {@code v1} may match (secret
 * rotation; at most {@value dev.hookverify.SignatureHeader#MAX_CANDIDATES} are read); other schemes
 * are ignored; a second {@code t} is {@link dev.hookverify.Reason#MALFORMED_SIGNATURE}.
 *
 * <p>Tolerance 300 s. Mux's SDKs check only the age ({@code now - t > 300} fails) and so accept a
 * timestamp any distance in the future; here the future is bounded too, by the same 300 s, so a
 * delivery signed with a skewed clock cannot stay acceptable for longer than the window. The
 * delivery id is the event's {@code id} in the signed body.
 *
 * @see <a href="https://www.mux.com/docs/core/verify-webhook-signatures">Mux: verify webhook
 *     signatures</a>
 */
public final class Mux {
  /** The registry name. */
  public static final String NAME = "mux";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Mux-Signature";

  /** Mux's tolerance, applied both ways. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "t",
          "v1",
          SignedContent.builder().timestamp().literal(".").body().build());

  private Mux() {}

  /** A verifier builder for the signing secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signing secrets of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 300 s.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator(keys, options.toleranceOr(TOLERANCE)))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /** The HMAC scheme alone, with a tolerance of your choice (both ways). */
  public static HmacAuthenticator authenticator(KeyRing keys, Duration tolerance) {
    return SCHEME.authenticator(keys, TimestampPolicy.secondsWithin(tolerance));
  }

  /** The header Mux sends for {@code body} signed at {@code timestamp} (epoch seconds). */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
