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
 * DocuSign Connect (HMAC): {@code X-DocuSign-Signature-1}, {@code X-DocuSign-Signature-2}, ... one
 * base64 HMAC-SHA256 of the raw body per HMAC key active in the Connect configuration; a delivery
 * is accepted when any of these headers matches any configured key, so keys rotate without
 * downtime. Only {@code -1} to {@code -}{@value #MAX_SIGNATURE_HEADERS} are looked up (a request
 * carrying hundreds of numbered headers costs no more), and at most {@value
 * SignatureHeader#MAX_CANDIDATES} of them may be present. The MAC is computed once per key,
 * whatever the number of headers. No timestamp; the body carries no delivery id (its {@code
 * retryCount} changes on retries), so the delivery key is a digest of the signed body.
 *
 * @see <a href="https://developers.docusign.com/platform/webhooks/connect/hmac/">DocuSign: HMAC
 *     security for Connect</a>
 */
public final class DocuSign {
  /** The registry name. */
  public static final String NAME = "docusign";

  /** The first signature header; the others are numbered on from it. */
  public static final String SIGNATURE_HEADER = "X-DocuSign-Signature-1";

  /** The numbered signature headers' common prefix. */
  public static final String SIGNATURE_HEADER_PREFIX = "X-DocuSign-Signature-";

  /** The highest numbered signature header looked up. */
  public static final int MAX_SIGNATURE_HEADERS = 100;

  /** The informational header naming the algorithm. */
  public static final String DIGEST_HEADER = "X-Authorization-Digest";

  static final SignatureHeader FORMAT;

  static {
    String[] others = new String[MAX_SIGNATURE_HEADERS - 1];
    for (int i = 0; i < others.length; i++) {
      others[i] = SIGNATURE_HEADER_PREFIX + (i + 2);
    }
    FORMAT =
        SignatureHeader.builder(SIGNATURE_HEADER, others)
            .everyName()
            .encoding(SignatureEncoding.BASE64)
            .build();
  }

  private DocuSign() {}

  /** A verifier for one Connect HMAC key. */
  public static WebhookVerifier verifier(WebhookSecret hmacKey) {
    return builder(KeyRing.of(hmacKey)).build();
  }

  /** A verifier builder for the Connect HMAC keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the Connect HMAC keys of {@code keys}, configured by {@code options}.
   * DocuSign signs no timestamp and no URL: only the defaults are accepted.
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
                .build());
  }

  /** The signature of {@code body} with one key, as any numbered header carries it. */
  static String signature(WebhookSecret secret, byte[] body) {
    return Signed.base64(
        SignedContent.body()
            .hmac(HmacAlgorithm.SHA256, secret, Signed.request("POST", "", Map.of(), body), ""));
  }

  /** The headers DocuSign sends with one active HMAC key. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return Signed.headers(SIGNATURE_HEADER, signature(secret, body));
  }
}
