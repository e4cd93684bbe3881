package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
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

  static final SignedContent CONTENT =
      SignedContent.builder().timestamp().literal(".").body().build();

  private ElevenLabs() {}

  /** A verifier for one webhook secret. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER)
                        .list(',', '=', "v0")
                        .timestampKey("t")
                        .build())
                .signedContent(CONTENT)
                .timestampPolicy(TimestampPolicy.seconds(MAX_AGE, MAX_FUTURE))
                .keys(keys)
                .build());
  }

  /** The headers ElevenLabs sends. */
  public static Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, Long.toString(timestamp));
    return Signed.headers(SIGNATURE_HEADER, "t=" + timestamp + ",v0=" + Signed.hex(tag));
  }
}
