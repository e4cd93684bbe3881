package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Square: {@code x-square-hmacsha256-signature: <base64>}, HMAC-SHA256 with the subscription's
 * signature key over the notification URL exactly as configured, followed by the raw body. Give
 * that URL with {@link #builder(KeyRing, String)}, or as the public URL option with {@link
 * #builder(KeyRing, ProviderOptions)}: behind a proxy the received URI differs. No timestamp; the
 * body's {@code event_id} is the (signed) delivery id.
 *
 * @see <a href="https://developer.squareup.com/docs/webhooks/step3validate">Square: validate
 *     webhook notifications</a>
 */
public final class Square {
  /** The registry name. */
  public static final String NAME = "square";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-square-hmacsha256-signature";

  private Square() {}

  /** A verifier builder for the signature keys of {@code keys} and the configured URL. */
  public static WebhookVerifier.Builder builder(KeyRing keys, String notificationUrl) {
    return builder(keys, SignedContent.builder().literal(notificationUrl).body().build());
  }

  /**
   * A verifier builder that signs the URI as received: right only when the receiver sees the
   * configured URL unchanged (no proxy rewriting scheme, host, port or query).
   */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signature keys of {@code keys}, configured by {@code options}: with
   * a public URL, the notification URL signed is that URL followed by the query of the request as
   * received (or the public URL alone, if it has a query of its own); without one, the URI as
   * received.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the public URL
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.PUBLIC_URL);
    return builder(keys, PublicUrl.addTo(SignedContent.builder(), options).body().build());
  }

  private static WebhookVerifier.Builder builder(KeyRing keys, SignedContent content) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER)
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .signedContent(content)
                .keys(keys)
                .build())
        .deliveryId(JsonFields.deliveryId("event_id"));
  }

  /** The header Square sends for {@code body} to {@code notificationUrl}. */
  static Map<String, String> sign(WebhookSecret signatureKey, String notificationUrl, byte[] body) {
    byte[] tag =
        SignedContent.builder()
            .literal(notificationUrl)
            .body()
            .build()
            .hmac(
                HmacAlgorithm.SHA256, signatureKey, Signed.request("POST", "", Map.of(), body), "");
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(tag));
  }
}
