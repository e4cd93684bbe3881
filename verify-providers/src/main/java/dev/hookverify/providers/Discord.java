package dev.hookverify.providers;

import dev.hookverify.PublicKeyAuthenticator;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discord HTTP interactions and Webhook Events: {@code X-Signature-Ed25519: <hex>} and {@code
 * X-Signature-Timestamp}, an Ed25519 signature over {@code timestamp + body} by the application's
 * key; verify with its public key (64 hex characters, from the Developer Portal). Discord sends
 * deliberately invalid signatures to check that they get 401. Discord documents no tolerance;
 * interactions must be answered within seconds, so 5 minutes either way is allowed. Answer a PING
 * with {@link #pingResponse}.
 *
 * @see <a href="https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint">
 *     Discord: setting up an endpoint</a>
 */
public final class Discord {
  /** The registry name. */
  public static final String NAME = "discord";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Signature-Ed25519";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final SignedContent CONTENT = SignedContent.builder().timestamp().body().build();

  private Discord() {}

  /**
   * A verifier builder for the application public keys {@code publicKeysHex}.
   *
   * @throws IllegalArgumentException if a key is not 64 hex characters of a valid Ed25519 key
   */
  public static WebhookVerifier.Builder builder(List<String> publicKeysHex) {
    return builder(publicKeysHex, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the application public keys {@code publicKeysHex}, configured by {@code
   * options}: a tolerance (both ways) replaces the default 5 minutes.
   *
   * @throws IllegalArgumentException if a key is not 64 hex characters of a valid Ed25519 key, or
   *     if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(
      List<String> publicKeysHex, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return builder(publicKeysHex, options.secondsWithin(TOLERANCE), PublicKeys.DEFAULT);
  }

  static WebhookVerifier.Builder builder(List<String> publicKeysHex, PublicKeys.Engine engine) {
    return builder(publicKeysHex, TimestampPolicy.secondsWithin(TOLERANCE), engine);
  }

  private static WebhookVerifier.Builder builder(
      List<String> publicKeysHex, TimestampPolicy policy, PublicKeys.Engine engine) {
    PublicKeyAuthenticator.Builder authenticator =
        engine
            .authenticator(PublicKeys.ED25519)
            .signatureHeader(
                SignatureHeader.builder(SIGNATURE_HEADER).encoding(SignatureEncoding.HEX).build())
            .signedContent(CONTENT)
            .timestampHeader(TIMESTAMP_HEADER, policy);
    for (int i = 0; i < publicKeysHex.size(); i++) {
      authenticator.key(
          "key-" + (i + 1), PublicKeys.ed25519Public(hex(publicKeysHex.get(i)), engine));
    }
    return WebhookVerifier.builder(NAME).authenticator(authenticator.build());
  }

  /**
   * The response body to a verified PING interaction ({@code "type":1}): {@code {"type":1}}; empty
   * for anything else.
   */
  public static Optional<String> pingResponse(VerifiedWebhook webhook) {
    return JsonFields.string(webhook.body(), "type")
        .filter("1"::equals)
        .map(type -> "{\"type\":1}");
  }

  /** The headers Discord sends, signed with the 32-byte private key seed in hex. */
  static Map<String, String> sign(String privateKeySeedHex, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] signature =
        PublicKeys.sign(
            PublicKeys.ED25519,
            PublicKeys.ed25519Private(hex(privateKeySeedHex), PublicKeys.DEFAULT),
            PublicKeys.DEFAULT,
            ts.getBytes(StandardCharsets.UTF_8),
            body);
    return Signed.headers(SIGNATURE_HEADER, Signed.hex(signature), TIMESTAMP_HEADER, ts);
  }

  private static byte[] hex(String text) {
    try {
      return HexFormat.of().parseHex(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key is not hex");
    }
  }
}
