package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.KeyRing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * GitLab: a webhook's secret token sent verbatim in {@code X-Gitlab-Token} (a shared token, no
 * HMAC), or, from GitLab 19.0, a signing token ({@code whsec_...}) that signs by Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}). GitLab sends {@code
 * webhook-id} on every delivery, so the scheme is chosen by the presence of {@code
 * webhook-signature}. The delivery id is {@code webhook-id} (signed with a signing token) or {@code
 * Idempotency-Key} (the same value, unsigned).
 *
 * @see <a href="https://docs.gitlab.com/user/project/integrations/webhooks/">GitLab: webhooks</a>
 */
public final class GitLab {
  /** The registry name. */
  public static final String NAME = "gitlab";

  /** The legacy secret token header. */
  public static final String TOKEN_HEADER = "X-Gitlab-Token";

  /** The delivery id header for token-authenticated deliveries (unsigned). */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private GitLab() {}

  /**
   * The secret as configured in GitLab: a signing token ({@code whsec_...}) or a plain secret
   * token.
   */
  public static WebhookSecret secret(String text) {
    return text.strip().startsWith("whsec_")
        ? StandardWebhooks.secret(text)
        : WebhookSecret.ofUtf8(text);
  }

  /**
   * A verifier builder accepting either scheme with the secrets of {@code keys} (see {@link
   * #secret}).
   */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder accepting either scheme with the secrets of {@code keys}, configured by
   * {@code options}: a tolerance (both ways) replaces the signing-token scheme's 5 minutes. (The
   * secret-token scheme carries no timestamp.)
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    DeliveryIdSource webhookId = DeliveryIdSource.header(StandardWebhooks.ID_HEADER);
    DeliveryIdSource idempotencyKey = DeliveryIdSource.header(IDEMPOTENCY_HEADER);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            StandardWebhooks.authenticator(
                "webhook", keys, options.secondsWithin(StandardWebhooks.TOLERANCE)))
        .authenticator(TokenAuthenticator.header(TOKEN_HEADER).keys(keys).build())
        .deliveryId(
            (request, authentication) -> {
              var id = webhookId.deliveryId(request, authentication);
              return id.isPresent() && id.get().isSigned()
                  ? id
                  : idempotencyKey.deliveryId(request, authentication);
            });
  }

  /**
   * The headers GitLab sends with a signing token. (A plain secret token is sent verbatim in {@code
   * X-Gitlab-Token}; nothing to compute.)
   */
  static Map<String, String> sign(
      WebhookSecret signingToken, String id, long timestamp, byte[] body) {
    Map<String, String> headers =
        new java.util.LinkedHashMap<>(StandardWebhooks.sign(signingToken, id, timestamp, body));
    headers.put(IDEMPOTENCY_HEADER, id);
    return java.util.Collections.unmodifiableMap(headers);
  }
}
