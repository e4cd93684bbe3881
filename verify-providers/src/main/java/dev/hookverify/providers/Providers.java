package dev.hookverify.providers;

import dev.hookverify.WebhookSecret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every provider by name, for configuration-driven applications and the command-line tool: {@code
 * Providers.byName("stripe").verifier(keys).build()}.
 */
public final class Providers {
  private static final Map<String, Provider> BY_NAME = new LinkedHashMap<>();

  static {
    add(
        new Provider(
            Stripe.NAME,
            "Stripe-Signature: t=..,v1=<hex>",
            "HMAC-SHA256 of t.body",
            "300 s both ways",
            "body id",
            true,
            WebhookSecret::ofUtf8,
            Stripe::builder,
            (s, w) -> Stripe.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            GitHub.NAME,
            "X-Hub-Signature-256: sha256=<hex>",
            "HMAC-SHA256 of body",
            "none",
            "X-GitHub-Delivery",
            false,
            WebhookSecret::ofUtf8,
            GitHub::builder,
            (s, w) -> GitHub.sign(s, w.id(), w.body())));
    add(
        new Provider(
            StandardWebhooks.NAME,
            "webhook-id, webhook-timestamp, webhook-signature",
            "HMAC-SHA256 of id.timestamp.body, base64",
            "300 s both ways",
            "webhook-id",
            true,
            StandardWebhooks::secret,
            StandardWebhooks::builder,
            (s, w) -> StandardWebhooks.sign(s, w.id(), w.timestamp(), w.body())));
    for (String svix : new String[] {Svix.NAME, "clerk", "resend"}) {
      add(
          new Provider(
              svix,
              "svix-id, svix-timestamp, svix-signature (or webhook-*)",
              "HMAC-SHA256 of id.timestamp.body, base64",
              "300 s both ways",
              "svix-id",
              true,
              StandardWebhooks::secret,
              keys -> Svix.builder(svix, keys),
              (s, w) -> Svix.sign(s, w.id(), w.timestamp(), w.body())));
    }
    add(
        new Provider(
            Slack.NAME,
            "X-Slack-Signature: v0=<hex>, X-Slack-Request-Timestamp",
            "HMAC-SHA256 of v0:timestamp:body",
            "300 s both ways",
            "body event_id",
            true,
            WebhookSecret::ofUtf8,
            Slack::builder,
            (s, w) -> Slack.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            Twilio.NAME,
            "X-Twilio-Signature: <base64>",
            "HMAC-SHA1 of URL + sorted params (JSON: bodySHA256)",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            keys -> Twilio.builder(keys, UnaryOperator.identity()),
            Providers::signTwilio));
    add(
        new Provider(
            Shopify.NAME,
            "X-Shopify-Hmac-Sha256: <base64>",
            "HMAC-SHA256 of body",
            "none",
            "X-Shopify-Webhook-Id",
            false,
            WebhookSecret::ofUtf8,
            Shopify::builder,
            (s, w) -> Shopify.sign(s, w.id(), w.body())));
    add(
        new Provider(
            ElevenLabs.NAME,
            "ElevenLabs-Signature: t=..,v0=<hex>",
            "HMAC-SHA256 of t.body",
            "30 min past, 5 min ahead",
            "none",
            false,
            WebhookSecret::ofUtf8,
            ElevenLabs::builder,
            (s, w) -> ElevenLabs.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            MightyCall.NAME,
            "Authorization: Bearer, or x-signature (hex or base64)",
            "token, or HMAC-SHA256 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            MightyCall::builder,
            (s, w) -> MightyCall.sign(s, w.body())));
    add(
        new Provider(
            Cloudonix.NAME,
            "X-Cloudonix-Signature: <hex> (status webhooks)",
            "HMAC-SHA256 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Cloudonix::statusWebhooks,
            (s, w) -> Cloudonix.sign(s, w.body())));
  }

  private Providers() {}

  private static Map<String, String> signTwilio(WebhookSecret secret, OutgoingWebhook webhook) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", webhook.contentType());
    headers.putAll(Twilio.sign(secret, webhook.url(), webhook.contentType(), webhook.body()));
    return java.util.Collections.unmodifiableMap(headers);
  }

  private static void add(Provider provider) {
    BY_NAME.put(provider.name(), provider);
  }

  /**
   * The provider named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Provider byName(String name) {
    Provider provider = BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    if (provider == null) {
      throw new IllegalArgumentException(
          "unknown provider '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return provider;
  }

  /** Every provider, in a stable order. */
  public static List<Provider> all() {
    return List.copyOf(BY_NAME.values());
  }
}
