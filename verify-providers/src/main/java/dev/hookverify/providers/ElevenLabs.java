package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * ElevenLabs: {@code ElevenLabs-Signature: t=<seconds>,v0=<hex>}, HMAC-SHA256 over {@code t.body}
 * with the webhook secret as UTF-8. The SDKs accept timestamps up to 30 minutes old and do not
 * check the future; hookverify also refuses timestamps more than 5 minutes ahead, which would
 * otherwise stretch the replay window. No delivery id is sent.
 *
 * @see <a href="https://elevenlabs.io/docs/eleven-agents/workflows/post-call-webhooks">ElevenLabs:
 *     post-call webhooks</a>
 */
public final class ElevenLabs {
  /** The registry name. */
  public static final String NAME = "elevenlabs";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "ElevenLabs-Signature";

  /** How old a timestamp may be. */
  public static final Duration MAX_AGE = Duration.ofMinutes(30);

  /** How far ahead a timestamp may be. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  static final TimestampedHmac SCHEME =
      TimestampedHmac.itemized(
          SIGNATURE_HEADER,
          ',',
          "t",
          "v0",
          SignedContent.builder().timestamp().literal(".").body().build());

  private ElevenLabs() {}

  /** A verifier for one webhook secret. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}. A tolerance
   * replaces both limits, the past's {@link #MAX_AGE} and the future's {@link #MAX_FUTURE}, as it
   * does for every sender: the option means "this far either way" wherever it is set, so a
   * tolerance of 10 minutes here also allows timestamps 10 minutes ahead.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    TimestampPolicy policy =
        TimestampPolicy.seconds(options.toleranceOr(MAX_AGE), options.toleranceOr(MAX_FUTURE));
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys, policy));
  }

  /** The headers ElevenLabs sends. */
  static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    return SCHEME.sign(secret, timestamp, body);
  }
}
