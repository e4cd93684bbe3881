package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Zoom: {@code x-zm-signature: v0=<hex>} and {@code x-zm-request-timestamp}, HMAC-SHA256 over
 * {@code v0:timestamp:body} with the app's secret token. Zoom documents no tolerance; hookverify
 * allows 5 minutes both ways. Zoom validates the endpoint URL with a signed {@code
 * endpoint.url_validation} event: verify it like any other, then answer with {@link
 * #urlValidationResponse}.
 *
 * @see <a href="https://developers.zoom.us/docs/api/webhooks/">Zoom: webhooks</a>
 */
public final class Zoom {
  /** The registry name. */
  public static final String NAME = "zoom";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-zm-signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "x-zm-request-timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.prefixed(
          SIGNATURE_HEADER,
          "v0=",
          TIMESTAMP_HEADER,
          SignedContent.builder().literal("v0:").timestamp().literal(":").body().build());

  private Zoom() {}

  /** A verifier builder for the secret tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secret tokens of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys, options.secondsWithin(TOLERANCE)));
  }

  /**
   * The JSON to answer a verified {@code endpoint.url_validation} event with ({@code plainToken}
   * and its HMAC-SHA256 hex as {@code encryptedToken}), or empty for any other event.
   */
  public static Optional<String> urlValidationResponse(
      WebhookSecret secretToken, VerifiedWebhook webhook) {
    String[] fields =
        JsonFields.strings(ByteBuffer.wrap(webhook.body()), "event", "payload.plainToken");
    Optional<String> event = Optional.ofNullable(fields[0]);
    Optional<String> plainToken = Optional.ofNullable(fields[1]);
    if (!event.equals(Optional.of("endpoint.url_validation")) || plainToken.isEmpty()) {
      return Optional.empty();
    }
    byte[] tag =
        SignedContent.builder()
            .literal(plainToken.get())
            .build()
            .hmac(
                HmacAlgorithm.SHA256,
                secretToken,
                Signed.request("POST", "", Map.of(), new byte[0]),
                "");
    StringWriter json = new StringWriter();
    try (JsonGenerator g = Json.factory().createGenerator(json)) {
      g.writeStartObject();
      g.writeStringField("plainToken", plainToken.get());
      g.writeStringField("encryptedToken", Signed.hex(tag));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(json.toString());
  }

  /** The headers Zoom sends. */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
