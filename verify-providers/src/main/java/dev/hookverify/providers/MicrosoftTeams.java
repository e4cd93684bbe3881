package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Microsoft Teams outgoing webhooks: {@code Authorization: HMAC <base64>}, HMAC-SHA256 of the raw
 * body (the Bot Framework activity) with the <em>base64-decoded</em> security token shown when the
 * outgoing webhook is created (Microsoft's samples decode it; the token's text is not the key). A
 * token that is not base64 is refused when the verifier is built ({@link KeyForm#BASE64}). No
 * timestamp. The delivery id is the activity's {@code id} in the signed body. Teams expects an
 * answer within about 5 seconds.
 *
 * @see <a
 *     href="https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook">
 *     Microsoft Teams: create an outgoing webhook</a>
 */
public final class MicrosoftTeams {
  /** The registry name. */
  public static final String NAME = "microsoft-teams";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Authorization";

  /** What the signature header's value starts with. */
  public static final String PREFIX = "HMAC ";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, PREFIX, SignatureEncoding.BASE64);

  private MicrosoftTeams() {}

  /**
   * The security token as Teams shows it: base64 of the HMAC key.
   *
   * @throws IllegalArgumentException if it is empty or not base64
   */
  public static WebhookSecret secret(String securityToken) {
    return WebhookSecret.ofBase64(securityToken);
  }

  /** A verifier for one security token (see {@link #secret}). */
  public static WebhookVerifier verifier(String securityToken) {
    return builder(KeyRing.of(secret(securityToken))).build();
  }

  /** A verifier builder for the keys of {@code keys} (each decoded with {@link #secret}). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the keys of {@code keys}; no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /** The header Teams sends. */
  static Map<String, String> sign(WebhookSecret key, byte[] body) {
    return SCHEME.sign(key, body);
  }
}
