package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Box: {@code box-signature-primary} and {@code box-signature-secondary}, each a base64 HMAC-SHA256
 * over the raw body followed by {@code box-delivery-timestamp} exactly as sent (RFC 3339 with an
 * offset, such as {@code 2020-01-01T00:00:00-07:00}), made with the webhook's primary and secondary
 * signature keys (UTF-8). Box's SDK checks the primary header with the primary key and the
 * secondary with the secondary; hookverify accepts either header under any configured key, which
 * proves the same (knowledge of a configured key) and lets either key be rotated without downtime:
 * configure both keys, then replace one at a time. {@code box-signature-version} must be {@code 1}
 * and {@code box-signature-algorithm} {@code HmacSHA256}, as Box's SDK requires ({@link
 * Reason#MALFORMED_SIGNATURE} otherwise).
 *
 * <p>Freshness as Box's SDK checks it: at most {@link #MAX_AGE} old and <b>not ahead</b> of this
 * server's clock (the policy's smallest allowance, {@link #MAX_FUTURE}); a tolerance option
 * replaces both limits, as it does for every sender. The body is verified as received: Box signs
 * its JSON with non-ASCII characters escaped as {@code \\uXXXX}, so a body that a framework decoded
 * and re-encoded no longer verifies. The delivery id is the event's {@code id} in the signed body;
 * {@code box-delivery-id} is not signed.
 *
 * @see <a href="https://developer.box.com/guides/webhooks/v2/signatures-v2/">Box: webhook
 *     signatures</a>
 */
public final class Box {
  /** The registry name. */
  public static final String NAME = "box";

  /** The signature made with the primary key. */
  public static final String PRIMARY_SIGNATURE_HEADER = "box-signature-primary";

  /** The signature made with the secondary key. */
  public static final String SECONDARY_SIGNATURE_HEADER = "box-signature-secondary";

  /** The timestamp header (signed). */
  public static final String TIMESTAMP_HEADER = "box-delivery-timestamp";

  /** The signature version header; must be {@code 1}. */
  public static final String VERSION_HEADER = "box-signature-version";

  /** The signature algorithm header; must be {@code HmacSHA256}. */
  public static final String ALGORITHM_HEADER = "box-signature-algorithm";

  /** The delivery id header (unsigned). */
  public static final String DELIVERY_ID_HEADER = "box-delivery-id";

  /** How old a delivery may be (Box's SDK: 10 minutes). */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** How far ahead a delivery may be: none, to the policy's smallest unit (Box's SDK: none). */
  public static final Duration MAX_FUTURE = Duration.ofMillis(1);

  static final SignedContent CONTENT = SignedContent.builder().body().timestamp().build();

  static final SignatureHeader FORMAT =
      SignatureHeader.builder(PRIMARY_SIGNATURE_HEADER, SECONDARY_SIGNATURE_HEADER)
          .everyName()
          .encoding(SignatureEncoding.BASE64)
          .build();

  private Box() {}

  /** A verifier for the primary and secondary keys. */
  public static WebhookVerifier verifier(WebhookSecret primaryKey, WebhookSecret secondaryKey) {
    return builder(
            KeyRing.builder().add("primary", primaryKey).add("secondary", secondaryKey).build())
        .build();
  }

  /** A verifier builder for the signature keys of {@code keys} (primary, secondary, or both). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signature keys of {@code keys}, configured by {@code options}: a
   * tolerance replaces both the past's {@link #MAX_AGE} and the future's {@link #MAX_FUTURE} (it
   * means "this far either way"); to keep Box's "never ahead", use {@link #builder(KeyRing,
   * Duration)}.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return builder(
        keys,
        TimestampPolicy.rfc3339(options.toleranceOr(MAX_AGE), options.toleranceOr(MAX_FUTURE)));
  }

  /**
   * A verifier builder for the signature keys of {@code keys}, accepting deliveries at most {@code
   * maxAge} old and never ahead of this server's clock (Box's SDK's {@code maxAge}).
   *
   * @throws IllegalArgumentException if {@code maxAge} is shorter than a millisecond
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, Duration maxAge) {
    return builder(keys, TimestampPolicy.rfc3339(requireNonNull(maxAge, "maxAge"), MAX_FUTURE));
  }

  private static WebhookVerifier.Builder builder(KeyRing keys, TimestampPolicy policy) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            new VersionChecked(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(FORMAT)
                    .signedContent(CONTENT)
                    .timestampHeader(TIMESTAMP_HEADER)
                    .timestampPolicy(policy)
                    .keys(keys)
                    .build()))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  /** The RFC 3339 timestamp Box would send for {@code epochSeconds}, with a numeric offset. */
  static String timestamp(long epochSeconds) {
    return RFC_3339.format(Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC));
  }

  /** The signature of {@code body} at {@code timestamp} with one key, base64. */
  static String signature(WebhookSecret key, String timestamp, byte[] body) {
    return Signed.base64(
        CONTENT.hmac(
            HmacAlgorithm.SHA256, key, Signed.request("POST", "", Map.of(), body), timestamp));
  }

  /** The headers Box sends with a primary key only; {@code timestamp} is RFC 3339. */
  static Map<String, String> sign(WebhookSecret primaryKey, String timestamp, byte[] body) {
    return Signed.headers(
        TIMESTAMP_HEADER,
        timestamp,
        VERSION_HEADER,
        "1",
        ALGORITHM_HEADER,
        "HmacSHA256",
        PRIMARY_SIGNATURE_HEADER,
        signature(primaryKey, timestamp, body));
  }

  /** The headers Box sends with a primary and a secondary key. */
  static Map<String, String> sign(
      WebhookSecret primaryKey, WebhookSecret secondaryKey, String timestamp, byte[] body) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(sign(primaryKey, timestamp, body));
    headers.put(SECONDARY_SIGNATURE_HEADER, signature(secondaryKey, timestamp, body));
    return java.util.Collections.unmodifiableMap(headers);
  }

  /** Box's preconditions on the version and algorithm headers, then the signatures. */
  private static final class VersionChecked implements Authenticator {
    private static final Attempt WRONG_VERSION =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, VERSION_HEADER + " is not sent once as 1");
    private static final Attempt WRONG_ALGORITHM =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, ALGORITHM_HEADER + " is not sent once as HmacSHA256");

    private final HmacAuthenticator hmac;

    VersionChecked(HmacAuthenticator hmac) {
      this.hmac = hmac;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      if (request.headers(PRIMARY_SIGNATURE_HEADER).isEmpty()
          && request.headers(SECONDARY_SIGNATURE_HEADER).isEmpty()) {
        return hmac.attempt(request, context); // no signature: absent, whatever else is sent
      }
      if (!request.headers(VERSION_HEADER).equals(List.of("1"))) {
        return WRONG_VERSION;
      }
      if (!request.headers(ALGORITHM_HEADER).equals(List.of("HmacSHA256"))) {
        return WRONG_ALGORITHM;
      }
      return hmac.attempt(request, context);
    }

    @Override
    public String toString() {
      return "Box.VersionChecked{" + hmac + "}";
    }
  }
}
