package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twitch EventSub (webhook transport): {@code Twitch-Eventsub-Message-Signature: sha256=<hex>},
 * HMAC-SHA256 over the message id, the RFC 3339 timestamp exactly as sent, and the raw body, with
 * the subscription's secret. Messages older than 10 minutes are rejected (Twitch's guidance), and
 * more than 1 minute ahead. The message id is the (signed) delivery id and stays the same on
 * resends. Answer {@code webhook_callback_verification} with {@link #challenge}.
 *
 * @see <a href="https://dev.twitch.tv/docs/eventsub/handling-webhook-events/">Twitch: handling
 *     webhook events</a>
 */
public final class Twitch {
  /** The registry name. */
  public static final String NAME = "twitch";

  /** The message id header (signed). */
  public static final String ID_HEADER = "Twitch-Eventsub-Message-Id";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "Twitch-Eventsub-Message-Timestamp";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Twitch-Eventsub-Message-Signature";

  /** The message type header. */
  public static final String TYPE_HEADER = "Twitch-Eventsub-Message-Type";

  /** How old a message may be (Twitch's guidance). */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** How far ahead a message's timestamp may be. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(1);

  static final SignedContent CONTENT =
      SignedContent.builder().header(ID_HEADER).timestamp().body().build();

  private Twitch() {}

  /** A verifier builder for the subscription secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the subscription secrets of {@code keys}, configured by {@code options}.
   * A tolerance replaces both limits, the past's {@link #MAX_AGE} and the future's {@link
   * #MAX_FUTURE}, as it does for every sender: the option means "this far either way".
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER).prefix("sha256=").build())
                .signedContent(CONTENT)
                .timestampHeader(TIMESTAMP_HEADER)
                .timestampPolicy(
                    TimestampPolicy.rfc3339(
                        options.toleranceOr(MAX_AGE), options.toleranceOr(MAX_FUTURE)))
                .keys(keys)
                .build())
        .deliveryId(DeliveryIdSource.header(ID_HEADER));
  }

  /**
   * The challenge to answer with (200, plain text) when {@code request} is a verified {@code
   * webhook_callback_verification}; empty otherwise.
   */
  public static Optional<String> challenge(WebhookRequest request, VerifiedWebhook webhook) {
    List<String> type = request.headers(TYPE_HEADER);
    if (!type.equals(List.of("webhook_callback_verification"))) {
      return Optional.empty();
    }
    return JsonFields.string(webhook.body(), "challenge");
  }

  /**
   * The headers Twitch sends; {@code timestamp} is RFC 3339, such as {@code
   * 2019-11-16T10:11:12.634234626Z}.
   */
  static Map<String, String> sign(
      WebhookSecret secret, String messageId, String timestamp, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(ID_HEADER, messageId), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, timestamp);
    return Signed.headers(
        ID_HEADER,
        messageId,
        TIMESTAMP_HEADER,
        timestamp,
        SIGNATURE_HEADER,
        "sha256=" + Signed.hex(tag));
  }
}
