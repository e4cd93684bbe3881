package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * PagerDuty (V3 webhook subscriptions): {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]},
 * HMAC-SHA256 of the raw body with the subscription's secret as UTF-8; during a secret rotation one
 * {@code v1} per active secret, any of which may match (other versions are ignored, at most {@value
 * SignatureHeader#MAX_CANDIDATES} signatures are read). No timestamp. The delivery id is the
 * event's {@code event.id} in the signed body (one event per delivery in V3); {@code X-Webhook-Id}
 * is not signed. {@code pagey.ping} test events are signed the same way.
 *
 * @see <a href="https://developer.pagerduty.com/docs/webhooks-overview">PagerDuty: webhooks
 *     overview, verifying signatures</a>
 */
public final class PagerDuty {
  /** The registry name. */
  public static final String NAME = "pagerduty";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-PagerDuty-Signature";

  /** The delivery header (unsigned). */
  public static final String WEBHOOK_ID_HEADER = "X-Webhook-Id";

  /** The subscription header (unsigned). */
  public static final String SUBSCRIPTION_HEADER = "X-Webhook-Subscription";

  static final SignatureHeader FORMAT =
      SignatureHeader.builder(SIGNATURE_HEADER).list(',', '=', "v1").build();

  private PagerDuty() {}

  /** A verifier for one subscription secret. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the subscription secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the subscription secrets of {@code keys}, configured by {@code options}.
   * PagerDuty signs no timestamp and no URL: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(FORMAT)
                .signedContent(SignedContent.body())
                .keys(keys)
                .build())
        .deliveryId(JsonFields.deliveryId("event.id"));
  }

  /** The header PagerDuty sends with one secret. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    byte[] tag =
        SignedContent.body()
            .hmac(HmacAlgorithm.SHA256, secret, Signed.request("POST", "", Map.of(), body), "");
    return Signed.headers(SIGNATURE_HEADER, "v1=" + Signed.hex(tag));
  }
}
