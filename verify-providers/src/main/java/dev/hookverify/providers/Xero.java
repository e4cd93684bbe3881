package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Xero: {@code x-xero-signature: <base64>}, HMAC-SHA256 of the raw body with the app's webhook key
 * as UTF-8. No timestamp and no delivery id (the body carries {@code events[]} and sequence
 * numbers), so the delivery key is a digest of the signed body; deduplicate events on their {@code
 * resourceId}, {@code eventDateUtc} and {@code eventType}.
 *
 * <p><b>Intent to Receive.</b> When a webhook is set up, Xero sends correctly and deliberately
 * incorrectly signed requests and expects 200 (empty body) for the first and 401 for the second,
 * within 5 seconds. {@link #intentToReceiveStatus} gives exactly that answer, after verifying: 200
 * only for a request the verifier accepts, 401 for anything else, so no intent is acknowledged
 * without its signature.
 *
 * @see <a href="https://developer.xero.com/documentation/guides/webhooks/overview/">Xero: webhooks
 *     overview</a>
 */
public final class Xero {
  /** The registry name. */
  public static final String NAME = "xero";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-xero-signature";

  /** The status Xero expects for a correctly signed request. */
  public static final int STATUS_ACCEPTED = 200;

  /** The status Xero expects for any other request. */
  public static final int STATUS_REJECTED = 401;

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.BASE64);

  private Xero() {}

  /** A verifier for one webhook key. */
  public static WebhookVerifier verifier(WebhookSecret webhookKey) {
    return builder(KeyRing.of(webhookKey)).build();
  }

  /** A verifier builder for the webhook keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the webhook keys of {@code keys}, configured by {@code options}. Xero
   * signs no timestamp and no URL: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /**
   * The status to answer an Intent to Receive request (or any Xero request) with, with an empty
   * body: {@value #STATUS_ACCEPTED} when {@code verifier} accepts {@code request}, {@value
   * #STATUS_REJECTED} for every rejection (a wrong, missing or malformed signature, an oversized
   * body), as Xero requires.
   */
  public static int intentToReceiveStatus(WebhookVerifier verifier, WebhookRequest request) {
    requireNonNull(verifier, "verifier");
    requireNonNull(request, "request");
    try {
      verifier.verify(request);
      return STATUS_ACCEPTED;
    } catch (WebhookVerificationException e) {
      return STATUS_REJECTED;
    }
  }

  /** The header Xero sends. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }
}
