package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.PublicKeyAuthenticator;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Standard Webhooks (spec v1.0.0): {@code webhook-id}, {@code webhook-timestamp} (seconds) and
 * {@code webhook-signature: v1,<base64> [v1,<base64> ...]}, HMAC-SHA256 over {@code
 * id.timestamp.body} with the base64-decoded secret ({@code whsec_} prefix dropped). Unknown
 * versions ({@code v1a}, {@code v2}) are skipped. Tolerance 5 minutes both ways. The delivery id
 * {@code webhook-id} is signed.
 *
 * @see <a
 *     href="https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md">
 *     Standard Webhooks specification</a>
 */
public final class StandardWebhooks {
  /** The registry name. */
  public static final String NAME = "standard-webhooks";

  /** The id header (signed). */
  public static final String ID_HEADER = "webhook-id";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** The registry name of the asymmetric {@code v1a} (Ed25519) variant. */
  public static final String PUBLIC_KEY_NAME = "standard-webhooks-v1a";

  private static final String SECRET_PREFIX = "whsec_";

  private StandardWebhooks() {}

  /**
   * The signing secret as handed out: {@code whsec_<base64>}, or the bare base64.
   *
   * @throws IllegalArgumentException if it is not base64 after the prefix
   */
  public static WebhookSecret secret(String whsec) {
    String text = whsec.strip();
    return WebhookSecret.ofBase64(
        text.startsWith(SECRET_PREFIX) ? text.substring(SECRET_PREFIX.length()) : text);
  }

  /** A verifier for one {@code whsec_} secret. */
  public static WebhookVerifier verifier(String whsec) {
    return builder(KeyRing.of(secret(whsec))).build();
  }

  /** A verifier builder for the secrets of {@code keys} (see {@link #secret}). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys} (see {@link #secret}), configured by {@code
   * options}: a tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator("webhook", keys, options.secondsWithin(TOLERANCE)))
        .deliveryId(DeliveryIdSource.header(ID_HEADER));
  }

  /**
   * The scheme with headers named {@code <prefix>-id}, {@code -timestamp}, {@code -signature},
   * timestamps checked by {@code policy}.
   */
  static HmacAuthenticator authenticator(String prefix, KeyRing keys, TimestampPolicy policy) {
    return HmacAuthenticator.builder(HmacAlgorithm.SHA256)
        .signatureHeader(
            SignatureHeader.builder(prefix + "-signature")
                .list(' ', ',', "v1")
                .encoding(SignatureEncoding.BASE64)
                .build())
        .signedContent(content(prefix))
        .timestampHeader(prefix + "-timestamp")
        .timestampPolicy(policy)
        .keys(keys)
        .build();
  }

  static SignedContent content(String prefix) {
    return SignedContent.builder()
        .header(prefix + "-id")
        .literal(".")
        .timestamp()
        .literal(".")
        .body()
        .build();
  }

  /**
   * A verifier builder for asymmetric {@code v1a} signatures (Ed25519) with the public keys {@code
   * whpk_<base64>}.
   *
   * @throws IllegalArgumentException if a key is not a {@code whpk_} Ed25519 public key
   */
  public static WebhookVerifier.Builder publicKeyBuilder(List<String> whpkKeys) {
    return publicKeyBuilder(whpkKeys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for asymmetric {@code v1a} signatures with the {@code whpk_} public keys
   * {@code whpkKeys}, configured by {@code options}: a tolerance (both ways) replaces the default 5
   * minutes.
   *
   * @throws IllegalArgumentException if a key is not a {@code whpk_} Ed25519 public key, or if
   *     {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder publicKeyBuilder(
      List<String> whpkKeys, ProviderOptions options) {
    options.allowOnly(PUBLIC_KEY_NAME, ProviderOptions.Option.TOLERANCE);
    return publicKeyBuilder(whpkKeys, options.secondsWithin(TOLERANCE), PublicKeys.DEFAULT);
  }

  static WebhookVerifier.Builder publicKeyBuilder(List<String> whpkKeys, PublicKeys.Engine engine) {
    return publicKeyBuilder(whpkKeys, TimestampPolicy.secondsWithin(TOLERANCE), engine);
  }

  private static WebhookVerifier.Builder publicKeyBuilder(
      List<String> whpkKeys, TimestampPolicy policy, PublicKeys.Engine engine) {
    PublicKeyAuthenticator.Builder authenticator =
        engine
            .authenticator(PublicKeys.ED25519)
            .signatureHeader(
                SignatureHeader.builder(SIGNATURE_HEADER)
                    .list(' ', ',', "v1a")
                    .encoding(SignatureEncoding.BASE64)
                    .build())
            .signedContent(content("webhook"))
            .timestampHeader(TIMESTAMP_HEADER, policy);
    for (int i = 0; i < whpkKeys.size(); i++) {
      authenticator.key(
          "key-" + (i + 1), PublicKeys.ed25519Public(decode(whpkKeys.get(i), "whpk_"), engine));
    }
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator.build())
        .deliveryId(DeliveryIdSource.header(ID_HEADER));
  }

  /** The headers a sender signing with {@code v1a} sends; the key is {@code whsk_<base64 seed>}. */
  static Map<String, String> signV1a(String whsk, String id, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] seed = java.util.Arrays.copyOf(decode(whsk, "whsk_"), 32);
    byte[] signature =
        PublicKeys.sign(
            PublicKeys.ED25519,
            PublicKeys.ed25519Private(seed, PublicKeys.DEFAULT),
            PublicKeys.DEFAULT,
            (id + "." + ts + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8),
            body);
    return Signed.headers(
        ID_HEADER, id, TIMESTAMP_HEADER, ts, SIGNATURE_HEADER, "v1a," + Signed.base64(signature));
  }

  private static byte[] decode(String key, String prefix) {
    String text = key.strip();
    if (!text.startsWith(prefix)) {
      throw new IllegalArgumentException("key must start with " + prefix);
    }
    try {
      return java.util.Base64.getDecoder().decode(text.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key is not base64 after " + prefix);
    }
  }

  /** The headers a Standard Webhooks sender sends. */
  static Map<String, String> sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    return sign("webhook", secret, id, timestamp, body);
  }

  static Map<String, String> sign(
      String prefix, WebhookSecret secret, String id, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    WebhookRequest request = Signed.request("POST", "", Map.of(prefix + "-id", id), body);
    byte[] tag = content(prefix).hmac(HmacAlgorithm.SHA256, secret, request, ts);
    return Signed.headers(
        prefix + "-id",
        id,
        prefix + "-timestamp",
        ts,
        prefix + "-signature",
        "v1," + Signed.base64(tag));
  }
}
