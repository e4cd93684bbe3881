package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.ContentSink;
import dev.hookverify.DeliveryId;
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
import dev.hookverify.internal.ConstantTime;
import dev.hookverify.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HubSpot request signatures v3: {@code X-HubSpot-Signature-v3: <base64>} and {@code
 * X-HubSpot-Request-Timestamp} (milliseconds), HMAC-SHA256 with the app's client secret over the
 * method, the full URI as HubSpot called it, the raw body and the timestamp. Tolerance 5 minutes
 * both ways.
 *
 * <p>The signed string joins its parts without separators, so the verifier keeps the joints
 * unambiguous: a body is signed only on {@code POST}, {@code PUT} and {@code PATCH} (on a {@code
 * GET}, say, the tail of the query could otherwise move into a body and still verify), and the
 * timestamp must have no leading zero (or a zero could move there from the end of the URI),
 * rejected as {@link Reason#MALFORMED_SIGNATURE} and {@link Reason#MALFORMED_TIMESTAMP}; HubSpot
 * sends neither. Where a body is allowed, the scheme itself cannot mark where the query ends and
 * the body starts. HubSpot's bodies are JSON arrays or objects: parse them as exactly one document
 * with nothing after it (Jackson's {@code FAIL_ON_TRAILING_TOKENS}), and no shift of bytes between
 * the query and the body parses.
 *
 * <p>The older v1 and v2 signatures are plain SHA-256 hashes of the secret and the request, with no
 * timestamp, and forgeable by length extension; they are accepted only when enabled with {@link
 * #builderAcceptingForgeableLegacySignatures}, or with the legacy schemes option of {@link
 * #builder(List, ProviderOptions)}, and then prove {@link Proof#SECRET_PREFIX_DIGEST}.
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

  /** The methods HubSpot sends a body with; on any other a body is not signed content. */
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  static final SignedContent CONTENT =
      SignedContent.builder()
          .method()
          .uri()
          .part(HubSpot::unambiguousJoints)
          .body()
          .timestamp()
          .build();

  private HubSpot() {}

  /** A verifier builder for the client secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the client secrets of {@code keys}, configured by {@code options}: a
   * tolerance (both ways) replaces the default 5 minutes; with a public URL, the URI signed is that
   * URL followed by the query of the request as received (or the public URL alone, if it has a
   * query of its own), in place of the URI as received.
   *
   * @throws IllegalArgumentException if {@code options} turns legacy schemes on (they hash the
   *     client secret itself, which a key ring does not give out: use {@link #builder(List,
   *     ProviderOptions)}), or sets another option HubSpot does not support
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    if (options.legacySchemes()) {
      throw new IllegalArgumentException(
          NAME
              + " legacy schemes hash the client secret itself: give the secrets as text with"
              + " HubSpot.builder(List<String>, ProviderOptions)");
    }
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE, ProviderOptions.Option.PUBLIC_URL);
    return WebhookVerifier.builder(NAME).authenticator(v3(keys, options));
  }

  /**
   * A verifier builder for the client secrets {@code clientSecrets} (as text, as HubSpot shows
   * them), configured by {@code options}: as {@link #builder(KeyRing, ProviderOptions)}, and with
   * legacy schemes on, as {@link #builderAcceptingForgeableLegacySignatures} with every secret (a
   * public URL applies to the URI v2 hashes as well). Read that method before turning legacy
   * schemes on: <b>v1 and v2 signatures are forgeable.</b>
   *
   * @throws IllegalArgumentException if there are no secrets or more than {@link KeyRing#MAX_KEYS},
   *     a secret is blank or padded, or {@code options} sets an option HubSpot does not support
   */
  public static WebhookVerifier.Builder builder(
      List<String> clientSecrets, ProviderOptions options) {
    options.allowOnly(
        NAME,
        ProviderOptions.Option.TOLERANCE,
        ProviderOptions.Option.PUBLIC_URL,
        ProviderOptions.Option.LEGACY_SCHEMES);
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < clientSecrets.size(); i++) {
      ring.add("key-" + (i + 1), WebhookSecret.ofUtf8(clientSecrets.get(i)));
    }
    KeyRing keys = ring.build();
    if (!options.legacySchemes()) {
      return WebhookVerifier.builder(NAME).authenticator(v3(keys, options));
    }
    return WebhookVerifier.builder(NAME)
        .authenticator(v3(keys, options))
        .authenticator(new LegacyHash(clientSecrets, options))
        .deliveryId((request, proof) -> contentDigest(request, proof, options));
  }

  private static HmacAuthenticator v3(KeyRing keys, ProviderOptions options) {
    Duration tolerance = options.toleranceOr(TOLERANCE);
    return HmacAuthenticator.builder(HmacAlgorithm.SHA256)
        .signatureHeader(
            SignatureHeader.builder(SIGNATURE_HEADER).encoding(SignatureEncoding.BASE64).build())
        .signedContent(options.publicUrl().isPresent() ? content(options) : CONTENT)
        .timestampHeader(TIMESTAMP_HEADER)
        .timestampPolicy(TimestampPolicy.milliseconds(tolerance, tolerance))
        .keys(keys)
        .build();
  }

  /**
   * {@link #CONTENT} with the URI HubSpot called in place of the URI received, per {@code options}.
   */
  private static SignedContent content(ProviderOptions options) {
    return PublicUrl.addTo(SignedContent.builder().method(), options)
        .part(HubSpot::unambiguousJoints)
        .body()
        .timestamp()
        .build();
  }

  /**
   * Writes nothing; rejects the two ways to move bytes between the signed parts without changing
   * the signed string: a body where HubSpot sends none, and a leading zero on the timestamp.
   */
  private static void unambiguousJoints(
      ContentSink sink, WebhookRequest request, CharSequence timestamp)
      throws WebhookVerificationException {
    if (request.bodyLength() > 0 && !METHODS_WITH_BODY.contains(request.method())) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "HubSpot signs a body only on POST, PUT and PATCH");
    }
    if (timestamp.length() > 1 && timestamp.charAt(0) == '0') {
      throw new WebhookVerificationException(
          Reason.MALFORMED_TIMESTAMP, TIMESTAMP_HEADER + " has a leading zero");
    }
  }

  /** The v1/v2 signature header. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-HubSpot-Signature";

  /** The v1/v2 version header. */
  public static final String LEGACY_VERSION_HEADER = "X-HubSpot-Signature-Version";

  /**
   * A verifier builder that also accepts HubSpot's legacy v1 ({@code SHA-256(secret + body)}) and
   * v2 ({@code SHA-256(secret + method + uri + body)}) signatures, on requests that carry no v3
   * signature. <b>These are forgeable:</b> they are not HMACs, and from one captured request anyone
   * can compute, without the secret, a valid signature for that body followed by SHA-256's padding
   * and any bytes of their choosing (a length extension); with no timestamp, a captured request
   * verifies forever. Such requests prove {@link Proof#SECRET_PREFIX_DIGEST}, which signs nothing:
   * {@link dev.hookverify.VerifiedWebhook#proof()} tells the handler so. Enable them only for a
   * sender that cannot send v3.
   *
   * <p>A present v3 signature always decides, even when wrong or stale: the legacy hashes are never
   * a fall-back from it. So that stripping the v3 headers from a captured delivery does not make it
   * a new one, the delivery id (for {@code IdempotentVerifier}) is {@code body-<hex SHA-256 of the
   * body>}, the one content every scheme hashes, or for a request without a body {@code
   * request-<hex SHA-256 of method, space, URI>}; a v1 signature over an empty body, which proves
   * nothing about the request, is {@link Reason#MALFORMED_SIGNATURE}. The legacy hashes need the
   * client secret itself, as text.
   */
  public static WebhookVerifier.Builder builderAcceptingForgeableLegacySignatures(
      KeyRing keys, String clientSecret) {
    return WebhookVerifier.builder(NAME)
        .authenticator(v3(keys, ProviderOptions.defaults()))
        .authenticator(new LegacyHash(List.of(clientSecret), ProviderOptions.defaults()))
        .deliveryId((request, proof) -> contentDigest(request, proof, ProviderOptions.defaults()));
  }

  /**
   * The delivery id when the legacy hashes are enabled: a digest of what the v1, v2 and v3
   * signatures all cover, so the delivery keys alike whichever proved it. A request without a body
   * is keyed on the URL the signatures cover (the public URL when one is set), never on the URI as
   * received, which a replayer chooses.
   */
  private static Optional<DeliveryId> contentDigest(
      WebhookRequest request, Authentication authentication, ProviderOptions options) {
    MessageDigest digest = Sha256.newDigest();
    String kind;
    if (request.bodyLength() > 0) {
      kind = "body-";
      digest.update(request.body());
    } else {
      kind = "request-";
      digest.update(
          (request.method() + " " + options.signedUrl(request)).getBytes(StandardCharsets.UTF_8));
    }
    return Optional.of(
        DeliveryId.of(
            kind + HexFormat.of().formatHex(digest.digest()), authentication.signsBody()));
  }

  /**
   * HubSpot's v1 and v2 signatures: hex SHA-256 of a client secret followed by the request (v2: the
   * method, the URI HubSpot called and the body).
   */
  private static final class LegacyHash implements Authenticator {
    private static final Attempt NOT_CONSIDERED = Attempt.absent("no legacy signature to consider");
    private static final Attempt REPEATED =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, "legacy signature headers sent more than once");
    private static final Attempt UNKNOWN_VERSION =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, "unknown " + LEGACY_VERSION_HEADER);
    private static final Attempt BODY_NOT_SIGNED =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, "HubSpot signs a body only on POST, PUT and PATCH");
    private static final Attempt EMPTY_V1 =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, "a v1 signature of an empty body proves nothing");
    private static final Attempt NOT_HEX =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, LEGACY_SIGNATURE_HEADER + " is not hex");
    private static final Attempt MISMATCH =
        Attempt.rejected(Reason.SIGNATURE_MISMATCH, "signature mismatch");

    private final List<byte[]> secrets = new ArrayList<>();
    private final ProviderOptions options;
    private final SignedContent v2Content;

    LegacyHash(List<String> clientSecrets, ProviderOptions options) {
      if (clientSecrets.isEmpty() || clientSecrets.size() > KeyRing.MAX_KEYS) {
        throw new IllegalArgumentException("1 to " + KeyRing.MAX_KEYS + " client secrets");
      }
      for (String clientSecret : clientSecrets) {
        secrets.add(WebhookSecretText.bytes(clientSecret));
      }
      this.options = options;
      this.v2Content = PublicUrl.addTo(SignedContent.builder().method(), options).body().build();
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      List<String> signatures = request.headers(LEGACY_SIGNATURE_HEADER);
      if (signatures.isEmpty() || !request.headers(SIGNATURE_HEADER).isEmpty()) {
        return NOT_CONSIDERED; // absent, or a v3 signature is present and decides alone
      }
      List<String> versions = request.headers(LEGACY_VERSION_HEADER);
      if (signatures.size() > 1 || versions.size() > 1) {
        return REPEATED;
      }
      String version = versions.isEmpty() ? "v1" : versions.get(0).strip();
      if (!version.equals("v1") && !version.equals("v2")) {
        return UNKNOWN_VERSION;
      }
      if (request.bodyLength() > 0 && !METHODS_WITH_BODY.contains(request.method())) {
        return BODY_NOT_SIGNED;
      }
      if (version.equals("v1") && request.bodyLength() == 0) {
        return EMPTY_V1;
      }
      String hex = signatures.get(0).strip();
      if (!isHex(hex)) {
        return NOT_HEX;
      }
      byte[] received = HexFormat.of().parseHex(hex);
      byte[] uri = options.signedUrl(request).getBytes(StandardCharsets.UTF_8);
      boolean match = false;
      for (byte[] secret : secrets) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(secret);
        if (version.equals("v2")) {
          digest.update(request.method().getBytes(StandardCharsets.UTF_8));
          digest.update(uri);
        }
        digest.update(request.body());
        // Every secret is tried, so the time taken says nothing about which one matched.
        match |= ConstantTime.equal(received, digest.digest());
      }
      if (!match) {
        return MISMATCH;
      }
      return Attempt.proven(
          Authentication.builder(Proof.SECRET_PREFIX_DIGEST, "client-secret-" + version)
              .covers(version.equals("v2") ? v2Content : SignedContent.body(), request, "")
              .build());
    }

    /** Whether {@code text} is hex that {@link HexFormat#parseHex} reads without throwing. */
    private static boolean isHex(String text) {
      if (text.length() % 2 != 0) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        if (!HexFormat.isHexDigit(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return "HubSpot.LegacyHash{redacted}";
    }
  }

  /**
   * The headers HubSpot sends for a {@code method} request to {@code uri} at {@code
   * timestampMillis}.
   *
   * @throws IllegalArgumentException for a body on a method other than POST, PUT or PATCH
   */
  static Map<String, String> sign(
      WebhookSecret secret, String method, String uri, long timestampMillis, byte[] body) {
    String ts = Long.toString(timestampMillis);
    WebhookRequest request = Signed.request(method, uri, Map.of(), body);
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, secret, request, ts);
    return Signed.headers(TIMESTAMP_HEADER, ts, SIGNATURE_HEADER, Signed.base64(tag));
  }
}
