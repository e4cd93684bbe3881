package dev.hookverify.providers;

import dev.hookverify.KeyRing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Telegram Bot API webhooks: {@code X-Telegram-Bot-Api-Secret-Token}, the {@code secret_token}
 * given to {@code setWebhook} (1 to 256 characters of {@code A-Z a-z 0-9 _ -}), sent verbatim with
 * every update. A shared token, not a signature ({@link dev.hookverify.Proof#SHARED_TOKEN}): it
 * proves the sender knows the token and covers nothing, so it is only as safe as TLS. The token is
 * compared as a SHA-256 digest in constant time and never logged. The delivery id is the update's
 * {@code update_id} in the body, read strictly ({@link JsonFields}) and unsigned.
 *
 * @see <a href="https://core.telegram.org/bots/api#setwebhook">Telegram Bot API: setWebhook</a>
 */
public final class Telegram {
  /** The registry name. */
  public static final String NAME = "telegram";

  /** The secret token header. */
  public static final String SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private Telegram() {}

  /** A verifier for one secret token. */
  public static WebhookVerifier verifier(WebhookSecret secretToken) {
    return builder(KeyRing.of(secretToken)).build();
  }

  /** A verifier builder for the secret tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secret tokens of {@code keys}; no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.header(SECRET_TOKEN_HEADER).keys(keys).build())
        .deliveryId(JsonFields.deliveryId("update_id"));
  }

  /** The header Telegram sends: the token itself. */
  static Map<String, String> sign(String secretToken) {
    WebhookSecret.ofUtf8(secretToken); // the same checks as the verifier's key
    return Signed.headers(SECRET_TOKEN_HEADER, secretToken);
  }
}
