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
    add(
        new Provider(
            Square.NAME,
            "x-square-hmacsha256-signature: <base64>",
            "HMAC-SHA256 of notification URL + body",
            "none",
            "body event_id",
            true,
            WebhookSecret::ofUtf8,
            Square::builder,
            (s, w) -> Square.sign(s, w.url(), w.body())));
    add(
        new Provider(
            Paddle.NAME,
            "Paddle-Signature: ts=..;h1=<hex>",
            "HMAC-SHA256 of ts:body",
            "5 s both ways",
            "body event_id",
            true,
            WebhookSecret::ofUtf8,
            Paddle::builder,
            (s, w) -> Paddle.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            Zoom.NAME,
            "x-zm-signature: v0=<hex>, x-zm-request-timestamp",
            "HMAC-SHA256 of v0:timestamp:body",
            "300 s both ways",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Zoom::builder,
            (s, w) -> Zoom.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            HubSpot.NAME,
            "X-HubSpot-Signature-v3: <base64>, X-HubSpot-Request-Timestamp",
            "HMAC-SHA256 of method+URI+body+timestamp (ms)",
            "300 s both ways",
            "none",
            false,
            WebhookSecret::ofUtf8,
            HubSpot::builder,
            (s, w) -> HubSpot.sign(s, "POST", w.url(), w.timestamp() * 1000, w.body())));
    add(
        new Provider(
            Linear.NAME,
            "Linear-Signature: <hex>",
            "HMAC-SHA256 of body (webhookTimestamp inside)",
            "60 s both ways",
            "Linear-Delivery",
            false,
            WebhookSecret::ofUtf8,
            Linear::builder,
            (s, w) -> Linear.sign(s, w.body())));
    add(
        new Provider(
            Intercom.NAME,
            "X-Hub-Signature: sha1=<hex>",
            "HMAC-SHA1 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Intercom::builder,
            (s, w) -> Intercom.sign(s, w.body())));
    add(
        new Provider(
            GitLab.NAME,
            "X-Gitlab-Token, or webhook-* (signing token)",
            "token, or HMAC-SHA256 of id.timestamp.body",
            "300 s both ways (signed)",
            "webhook-id / Idempotency-Key",
            true,
            GitLab::secret,
            GitLab::builder,
            (s, w) -> GitLab.sign(s, w.id(), w.timestamp(), w.body())));
    add(
        new Provider(
            Twitch.NAME,
            "Twitch-Eventsub-Message-Signature: sha256=<hex>",
            "HMAC-SHA256 of id+timestamp+body",
            "10 min past, 1 min ahead",
            "Twitch-Eventsub-Message-Id",
            true,
            WebhookSecret::ofUtf8,
            Twitch::builder,
            (s, w) ->
                Twitch.sign(
                    s,
                    w.id(),
                    java.time.Instant.ofEpochSecond(w.timestamp()).toString(),
                    w.body())));
    add(
        new Provider(
            Meta.NAME,
            "X-Hub-Signature-256: sha256=<hex>",
            "HMAC-SHA256 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Meta::builder,
            (s, w) -> Meta.sign(s, w.body())));
    add(
        new Provider(
            LemonSqueezy.NAME,
            "X-Signature: <hex>",
            "HMAC-SHA256 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            LemonSqueezy::builder,
            (s, w) -> LemonSqueezy.sign(s, w.body())));
    add(
        new Provider(
            Calendly.NAME,
            "Calendly-Webhook-Signature: t=..,v1=<hex>",
            "HMAC-SHA256 of t.body",
            "180 s both ways",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Calendly::builder,
            (s, w) -> Calendly.sign(s, w.timestamp(), w.body())));
    add(
        new Provider(
            Typeform.NAME,
            "Typeform-Signature: sha256=<base64>",
            "HMAC-SHA256 of body",
            "none",
            "body event_id",
            true,
            WebhookSecret::ofUtf8,
            Typeform::builder,
            (s, w) -> Typeform.sign(s, w.body())));
    add(
        new Provider(
            Bitbucket.NAME,
            "X-Hub-Signature: sha256=<hex>",
            "HMAC-SHA256 of body",
            "none",
            "X-Request-UUID",
            false,
            WebhookSecret::ofUtf8,
            Bitbucket::builder,
            (s, w) -> Bitbucket.sign(s, w.body())));
    add(
        new Provider(
            Sentry.NAME,
            "Sentry-Hook-Signature: <hex>",
            "HMAC-SHA256 of body",
            "none",
            "Request-ID",
            false,
            WebhookSecret::ofUtf8,
            Sentry::builder,
            (s, w) -> Sentry.sign(s, w.body())));
    add(
        new Provider(
            Vercel.NAME,
            "x-vercel-signature: <hex>",
            "HMAC-SHA1 of body",
            "none",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Vercel::builder,
            (s, w) -> Vercel.sign(s, w.body())));
    add(
        new Provider(
            Vapi.NAME,
            "x-vapi-secret, Bearer, or x-signature + x-timestamp",
            "token, or HMAC-SHA256 of timestamp.body (configurable)",
            "300 s both ways (HMAC)",
            "none",
            false,
            WebhookSecret::ofUtf8,
            Vapi::builder,
            (s, w) -> Vapi.hmacPlan().sign(s, w.timestamp(), "POST", w.url(), w.body())));
    add(
        new Provider(
            Mailgun.NAME,
            "none: signature.{timestamp,token,signature} in the body",
            "HMAC-SHA256 of timestamp+token (body not signed)",
            "none (optional)",
            "signed timestamp+token",
            true,
            WebhookSecret::ofUtf8,
            Mailgun::builder,
            null));
    add(
        new Provider(
            Adyen.NAME,
            "none: additionalData.hmacSignature per notification item",
            "HMAC-SHA256 of the item's key fields, hex key",
            "none",
            "digest of the items' signed fields",
            true,
            Adyen::secret,
            Adyen::builder,
            null));
    add(
        new Provider(
            Discord.NAME,
            "X-Signature-Ed25519: <hex>, X-Signature-Timestamp",
            "Ed25519 of timestamp+body (public key, hex)",
            "300 s both ways",
            "none",
            false,
            Discord::builder,
            (key, w) -> Discord.sign(key, w.timestamp(), w.body()),
            Providers::ed25519HexKeys));
    add(
        new Provider(
            SendGrid.NAME,
            "X-Twilio-Email-Event-Webhook-Signature: <base64 DER>, -Timestamp",
            "ECDSA P-256 SHA-256 of timestamp+body (public key, base64)",
            "none",
            "none",
            false,
            SendGrid::builder,
            (key, w) -> SendGrid.sign(key, w.timestamp(), w.body()),
            Providers::ecKeys));
    add(
        new Provider(
            "standard-webhooks-v1a",
            "webhook-id, webhook-timestamp, webhook-signature: v1a,<b64>",
            "Ed25519 of id.timestamp.body (whpk_ public key)",
            "300 s both ways",
            "webhook-id",
            true,
            StandardWebhooks::publicKeyBuilder,
            (key, w) -> StandardWebhooks.signV1a(key, w.id(), w.timestamp(), w.body()),
            Providers::whpkKeys));
  }

  private static TestKeys ed25519HexKeys() {
    java.security.KeyPair pair = generate("Ed25519");
    return new TestKeys(
        Signed.hex(ed25519Seed(pair)), Signed.hex(PublicKeys.ed25519Raw(pair.getPublic())));
  }

  private static TestKeys whpkKeys() {
    java.security.KeyPair pair = generate("Ed25519");
    return new TestKeys(
        "whsk_" + Signed.base64(ed25519Seed(pair)),
        "whpk_" + Signed.base64(PublicKeys.ed25519Raw(pair.getPublic())));
  }

  private static TestKeys ecKeys() {
    java.security.KeyPair pair = generate("EC");
    return new TestKeys(
        Signed.base64(pair.getPrivate().getEncoded()),
        Signed.base64(pair.getPublic().getEncoded()));
  }

  /**
   * The 32-byte seed of an Ed25519 PKCS#8 encoding: the OCTET STRING (04 20) inside the private key
   * OCTET STRING (04 22). Version 2 encodings append the public key, so not simply the tail.
   */
  private static byte[] ed25519Seed(java.security.KeyPair pair) {
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    for (int i = 0; i + 4 + 32 <= pkcs8.length; i++) {
      if (pkcs8[i] == 0x04
          && pkcs8[i + 1] == 0x22
          && pkcs8[i + 2] == 0x04
          && pkcs8[i + 3] == 0x20) {
        return java.util.Arrays.copyOfRange(pkcs8, i + 4, i + 4 + 32);
      }
    }
    throw new IllegalStateException("unexpected Ed25519 private key encoding");
  }

  private static java.security.KeyPair generate(String algorithm) {
    try {
      java.security.KeyPairGenerator generator =
          java.security.KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " key generation failed", e);
    }
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
