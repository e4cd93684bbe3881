package dev.hookverify.providers;

import dev.hookverify.PublicKeyAuthenticator;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Telnyx API v2 webhooks: {@code telnyx-signature-ed25519: <base64>} and {@code telnyx-timestamp}
 * (unix seconds), an Ed25519 signature over {@code timestamp|body} (a pipe between them) by
 * Telnyx's key; verify with the account's public key from the Mission Control portal, base64 of its
 * 32 raw bytes (Discord's is hex). Tolerance 300 s both ways, as Telnyx's SDKs check. A key that is
 * not base64 of a valid 32-byte Ed25519 key is refused when the verifier is built. The delivery id
 * is the event's {@code data.id} in the signed body.
 *
 * @see <a href="https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks">Telnyx:
 *     receiving webhooks</a>
 */
public final class Telnyx {
  /** The registry name. */
  public static final String NAME = "telnyx";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "telnyx-timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  static final SignedContent CONTENT =
      SignedContent.builder().timestamp().literal("|").body().build();

  private Telnyx() {}

  /**
   * A verifier builder for the public keys {@code publicKeysBase64}.
   *
   * @throws IllegalArgumentException if a key is not base64 of a valid 32-byte Ed25519 key
   */
  public static WebhookVerifier.Builder builder(List<String> publicKeysBase64) {
    return builder(publicKeysBase64, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the public keys {@code publicKeysBase64}, configured by {@code options}:
   * a tolerance (both ways) replaces the default 300 s.
   *
   * @throws IllegalArgumentException if a key is not base64 of a valid 32-byte Ed25519 key, or if
   *     {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(
      List<String> publicKeysBase64, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return builder(publicKeysBase64, options.secondsWithin(TOLERANCE), PublicKeys.DEFAULT);
  }

  static WebhookVerifier.Builder builder(List<String> publicKeysBase64, PublicKeys.Engine engine) {
    return builder(publicKeysBase64, TimestampPolicy.secondsWithin(TOLERANCE), engine);
  }

  private static WebhookVerifier.Builder builder(
      List<String> publicKeysBase64, TimestampPolicy policy, PublicKeys.Engine engine) {
    PublicKeyAuthenticator.Builder authenticator =
        engine
            .authenticator(PublicKeys.ED25519)
            .signatureHeader(
                SignatureHeader.builder(SIGNATURE_HEADER)
                    .encoding(SignatureEncoding.BASE64)
                    .build())
            .signedContent(CONTENT)
            .timestampHeader(TIMESTAMP_HEADER, policy);
    for (int i = 0; i < publicKeysBase64.size(); i++) {
      authenticator.key(
          "key-" + (i + 1),
          PublicKeys.ed25519Public(base64(publicKeysBase64.get(i), "public key"), engine));
    }
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator.build())
        .deliveryId(JsonFields.deliveryId("data.id"));
  }

  /** The headers Telnyx sends, signed with the 32-byte private key seed in base64. */
  static Map<String, String> sign(String privateKeySeedBase64, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] signature =
        PublicKeys.sign(
            PublicKeys.ED25519,
            PublicKeys.ed25519Private(
                base64(privateKeySeedBase64, "private key seed"), PublicKeys.DEFAULT),
            PublicKeys.DEFAULT,
            (ts + "|").getBytes(StandardCharsets.UTF_8),
            body);
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(signature), TIMESTAMP_HEADER, ts);
  }

  static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64");
    }
  }
}
