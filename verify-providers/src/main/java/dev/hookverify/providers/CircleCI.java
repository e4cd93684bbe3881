package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * CircleCI outbound webhooks: {@code circleci-signature: v1=<hex>[,v2=...]}, HMAC-SHA256 of the raw
 * body with the webhook's secret token as UTF-8. The header is a versioned list: only {@code v1}
 * exists, so only {@code v1} items are read (at most {@value SignatureHeader#MAX_CANDIDATES} of
 * them); items of any other version are ignored, and a header without a {@code v1} item is {@link
 * dev.hookverify.Reason#MALFORMED_SIGNATURE}. CircleCI tells receivers to check the latest version
 * only: should a {@code v2} appear, this class will need to prefer it rather than fall back to
 * {@code v1}. No timestamp is signed ({@code happened_at} in the body is event time); the delivery
 * id is the event's {@code id} in the signed body.
 *
 * @see <a
 *     href="https://circleci.com/docs/guides/integration/outbound-webhooks/#validate-webhooks">CircleCI:
 *     validate webhooks</a>
 */
public final class CircleCI {
  /** The registry name. */
  public static final String NAME = "circleci";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "circleci-signature";

  /** The event type header (unsigned). */
  public static final String EVENT_TYPE_HEADER = "circleci-event-type";

  private static final SignatureHeader HEADER =
      SignatureHeader.builder(SIGNATURE_HEADER).list(',', '=', "v1").build();

  private CircleCI() {}

  /** A verifier builder for the secret tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secret tokens of {@code keys}, configured by {@code options}.
   * CircleCI signs no timestamp and no URL and has no legacy scheme, so no option applies: only the
   * defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(HEADER)
                .signedContent(SignedContent.body())
                .keys(keys)
                .build())
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /** The header CircleCI sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = SignedContent.body().hmac(HmacAlgorithm.SHA256, secret, request, "");
    return Signed.headers(SIGNATURE_HEADER, "v1=" + Signed.hex(tag));
  }
}
