package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * HubSpot request signatures v3: {@code X-HubSpot-Signature-v3: <base64>} and {@code
 * X-HubSpot-Request-Timestamp} (milliseconds), HMAC-SHA256 with the app's client secret over the
 * method, the full URI as HubSpot called it, the raw body and the timestamp. Tolerance 5 minutes
 * both ways. The older v1 and v2 signatures, plain SHA-256 hashes of the secret and the request
 * with no timestamp, are accepted only when enabled with {@link #builderAcceptingLegacySignatures}.
 *
 * @see <a href="https://developers.hubspot.com/docs/api/webhooks/validating-requests">HubSpot:
 *     validating requests</a>
 */
public final class HubSpot {
  /** The registry name. */
  public static final String NAME = "hubspot";

  /** The v3 signature header. */
  public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";

  /** The timestamp header (milliseconds). */
  public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final SignedContent CONTENT =
      SignedContent.builder().method().uri().body().timestamp().build();

  private HubSpot() {}

  /** A verifier builder for the client secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(SIGNATURE_HEADER)
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .signedContent(CONTENT)
                .timestampHeader(TIMESTAMP_HEADER)
                .timestampPolicy(TimestampPolicy.milliseconds(TOLERANCE, TOLERANCE))
                .keys(keys)
                .build());
  }

  /** The v1/v2 signature header. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-HubSpot-Signature";

  /** The v1/v2 version header. */
  public static final String LEGACY_VERSION_HEADER = "X-HubSpot-Signature-Version";

  private static final SignedContent LEGACY_V2_CONTENT =
      SignedContent.builder().method().uri().body().build();

  /**
   * A verifier builder that also accepts v1 ({@code SHA-256(secret + body)}) and v2 ({@code
   * SHA-256(secret + method + uri + body)}) signatures when no v3 one is sent. They carry no
   * timestamp, so a captured request can be replayed: pair this with an {@code IdempotentVerifier}.
   * The legacy hashes need the client secret itself, as text.
   */
  public static WebhookVerifier.Builder builderAcceptingLegacySignatures(
      KeyRing keys, String clientSecret) {
    return builder(keys).authenticator(new LegacyHash(clientSecret));
  }

  /** HubSpot's v1 and v2 signatures: hex SHA-256 of the client secret followed by the request. */
  private static final class LegacyHash implements Authenticator {
    private final byte[] secret;

    LegacyHash(String clientSecret) {
      this.secret = WebhookSecretText.bytes(clientSecret);
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      return Proofs.attempt(() -> prove(request, context));
    }

    private Authentication prove(WebhookRequest request, AuthenticationContext context)
        throws WebhookVerificationException {
      List<String> signatures = request.headers(LEGACY_SIGNATURE_HEADER);
      if (signatures.isEmpty()) {
        throw new WebhookVerificationException(
            Reason.MISSING_SIGNATURE, "missing header " + LEGACY_SIGNATURE_HEADER);
      }
      List<String> versions = request.headers(LEGACY_VERSION_HEADER);
      if (signatures.size() > 1 || versions.size() > 1) {
        throw new WebhookVerificationException(
            Reason.MALFORMED_SIGNATURE, "legacy signature headers sent more than once");
      }
      String version = versions.isEmpty() ? "v1" : versions.get(0).strip();
      if (!version.equals("v1") && !version.equals("v2")) {
        throw new WebhookVerificationException(
            Reason.MALFORMED_SIGNATURE, "unknown " + LEGACY_VERSION_HEADER);
      }
      byte[] received;
      try {
        received = HexFormat.of().parseHex(signatures.get(0).strip());
      } catch (IllegalArgumentException e) {
        throw new WebhookVerificationException(
            Reason.MALFORMED_SIGNATURE, LEGACY_SIGNATURE_HEADER + " is not hex");
      }
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(secret);
        if (version.equals("v2")) {
          digest.update(request.method().getBytes(StandardCharsets.UTF_8));
          digest.update(request.uri().getBytes(StandardCharsets.UTF_8));
        }
        digest.update(request.body());
        if (!MessageDigest.isEqual(received, digest.digest())) {
          throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH, "signature mismatch");
        }
      } catch (NoSuchAlgorithmException e) {
        throw new WebhookVerificationException(Reason.VERIFIER_ERROR, "SHA-256 unavailable", e);
      }
      return Authentication.builder(Proof.HMAC_SIGNATURE, "client-secret-" + version)
          .covers(version.equals("v2") ? LEGACY_V2_CONTENT : SignedContent.body(), request, "")
          .build();
    }

    @Override
    public String toString() {
      return "HubSpot.LegacyHash{redacted}";
    }
  }

  /**
   * The headers HubSpot sends for a {@code method} request to {@code uri} at {@code
   * timestampMillis}.
   */
  public static Map<String, String> sign(
      WebhookSecret secret, String method, String uri, long timestampMillis, byte[] body) {
    String ts = Long.toString(timestampMillis);
    WebhookRequest request = Signed.request(method, uri, Map.of(), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, ts);
    return Signed.headers(TIMESTAMP_HEADER, ts, SIGNATURE_HEADER, Signed.base64(tag));
  }
}
