package dev.hookverify.providers;

import dev.hookverify.SecretSuffixDigestAuthenticator;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every provider by name, for configuration-driven applications and the command-line tool: {@code
 * Providers.byName("stripe").verifier(keys).build()}.
 */
public final class Providers {
  private static final Map<String, Provider> BY_NAME = new LinkedHashMap<>();

  static {
    add(
        Provider.sharedSecret(Stripe.NAME)
            .headers("Stripe-Signature: t=..,v1=<hex>")
            .algorithm("HMAC-SHA256 of t.body")
            .tolerance("300 s both ways")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.sending("application/json; charset=utf-8"))
            .verifiers(Stripe::builder)
            .signsHeaders((s, w) -> Stripe.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(GitHub.NAME)
            .headers("X-Hub-Signature-256: sha256=<hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("X-GitHub-Delivery", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.LEGACY_SCHEMES)
            .sends(
                SenderHeaders.json()
                    .event("X-GitHub-Event", "push")
                    .header("X-GitHub-Hook-ID", "292430182")
                    .header("X-GitHub-Hook-Installation-Target-Type", "repository")
                    .header("X-GitHub-Hook-Installation-Target-ID", "79929171")
                    .header("User-Agent", "GitHub-Hookshot/044aadd"))
            .verifiers(GitHub::builder)
            .signsHeaders((s, w) -> GitHub.sign(s, w.id(), w.body()))
            .build());
    add(
        Provider.sharedSecret(StandardWebhooks.NAME)
            .headers("webhook-id, webhook-timestamp, webhook-signature")
            .algorithm("HMAC-SHA256 of id.timestamp.body, base64")
            .tolerance("300 s both ways")
            .deliveryId("webhook-id", true)
            .keyForm(KeyForm.WHSEC)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(StandardWebhooks::builder)
            .signsHeaders((s, w) -> StandardWebhooks.sign(s, w.id(), w.timestamp(), w.body()))
            .build());
    for (String svix : new String[] {Svix.NAME, "clerk", "resend"}) {
      add(
          Provider.sharedSecret(svix)
              .headers("svix-id, svix-timestamp, svix-signature (or webhook-*)")
              .algorithm("HMAC-SHA256 of id.timestamp.body, base64")
              .tolerance("300 s both ways")
              .deliveryId("svix-id", true)
              .keyForm(KeyForm.WHSEC)
              .options(ProviderOptions.Option.TOLERANCE)
              .sends(SenderHeaders.json())
              .verifiers((keys, options) -> Svix.builder(svix, keys, options))
              .signsHeaders((s, w) -> Svix.sign(s, w.id(), w.timestamp(), w.body()))
              .build());
    }
    add(
        Provider.sharedSecret(Slack.NAME)
            .headers("X-Slack-Signature: v0=<hex>, X-Slack-Request-Timestamp")
            .algorithm("HMAC-SHA256 of v0:timestamp:body")
            .tolerance("300 s both ways")
            .deliveryId("body event_id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Slack::builder)
            .signsHeaders((s, w) -> Slack.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Twilio.NAME)
            .headers("X-Twilio-Signature: <base64>")
            .algorithm("HMAC-SHA1 of URL + sorted params (JSON: bodySHA256)")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.PUBLIC_URL)
            .sends(SenderHeaders.form())
            .verifiers(Twilio::builder)
            .signsHeaders((s, w) -> Twilio.sign(s, w.url(), w.contentType(null), w.body()))
            .build());
    add(
        Provider.sharedSecret(Shopify.NAME)
            .headers("X-Shopify-Hmac-Sha256: <base64>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("X-Shopify-Webhook-Id", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .event("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Shop-Domain", "example.myshopify.com")
                    .header("X-Shopify-API-Version", "2025-07")
                    .header(
                        "X-Shopify-Triggered-At",
                        w -> java.time.Instant.ofEpochSecond(w.timestamp()).toString())
                    .header("X-Shopify-Event-Id", w -> SenderHeaders.uuid("event", w.id())))
            .verifiers(Shopify::builder)
            .signsHeaders((s, w) -> Shopify.sign(s, w.id(), w.body()))
            .build());
    add(
        Provider.sharedSecret(ElevenLabs.NAME)
            .headers("ElevenLabs-Signature: t=..,v0=<hex>")
            .algorithm("HMAC-SHA256 of t.body")
            .tolerance("30 min past, 5 min ahead")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(ElevenLabs::builder)
            .signsHeaders((s, w) -> ElevenLabs.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(MightyCall.NAME)
            .headers("Authorization: Bearer, or x-signature (hex or base64)")
            .algorithm("token, or HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers((keys, options) -> MightyCall.builder(keys))
            .signsHeaders((s, w) -> MightyCall.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Cloudonix.NAME)
            .headers("X-Cloudonix-Signature: <hex> (status webhooks)")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Cloudonix::builder)
            .signsHeaders((s, w) -> Cloudonix.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Square.NAME)
            .headers("x-square-hmacsha256-signature: <base64>")
            .algorithm("HMAC-SHA256 of notification URL + body")
            .tolerance("none")
            .deliveryId("body event_id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.PUBLIC_URL)
            .sends(
                SenderHeaders.json()
                    .header("square-environment", "Production")
                    .header(
                        "square-initial-delivery-timestamp",
                        w -> java.time.Instant.ofEpochSecond(w.timestamp()).toString()))
            .verifiers(Square::builder)
            .signsHeaders((s, w) -> Square.sign(s, w.url(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Paddle.NAME)
            .headers("Paddle-Signature: ts=..;h1=<hex>")
            .algorithm("HMAC-SHA256 of ts:body")
            .tolerance("5 s both ways")
            .deliveryId("body event_id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Paddle::builder)
            .signsHeaders((s, w) -> Paddle.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Zoom.NAME)
            .headers("x-zm-signature: v0=<hex>, x-zm-request-timestamp")
            .algorithm("HMAC-SHA256 of v0:timestamp:body")
            .tolerance("300 s both ways")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.json()
                    .header(
                        "x-zm-trackingid", w -> "WEBHOOK_" + SenderHeaders.uuid("zoom", w.id())))
            .verifiers(Zoom::builder)
            .signsHeaders((s, w) -> Zoom.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(HubSpot.NAME)
            .headers("X-HubSpot-Signature-v3: <base64>, X-HubSpot-Request-Timestamp")
            .algorithm("HMAC-SHA256 of method+URI+body+timestamp (ms)")
            .tolerance("300 s both ways")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(
                ProviderOptions.Option.TOLERANCE,
                ProviderOptions.Option.PUBLIC_URL,
                ProviderOptions.Option.LEGACY_SCHEMES)
            .sends(SenderHeaders.json().textProof(SenderHeaders::hubSpotLegacyV1))
            .verifiers(HubSpot::builder)
            .textVerifiers(HubSpot::builder)
            .signsHeaders(
                (s, w) -> HubSpot.sign(s, w.method(), w.url(), w.timestamp() * 1000, w.body()))
            .build());
    add(
        Provider.sharedSecret(Linear.NAME)
            .headers("Linear-Signature: <hex>")
            .algorithm("HMAC-SHA256 of body (webhookTimestamp inside)")
            .tolerance("60 s both ways")
            .deliveryId("Linear-Delivery", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .event("Linear-Event", "Issue")
                    .header(Linear.DELIVERY_HEADER, OutgoingWebhook::id)
                    .header("Linear-Timestamp", w -> Long.toString(w.timestamp() * 1000)))
            .verifiers((keys, options) -> Linear.builder(keys))
            .signsHeaders((s, w) -> Linear.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Intercom.NAME)
            .headers("X-Hub-Signature: sha1=<hex>")
            .algorithm("HMAC-SHA1 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Intercom::builder)
            .signsHeaders((s, w) -> Intercom.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(GitLab.NAME)
            .headers("X-Gitlab-Token, or webhook-* (signing token)")
            .algorithm("token, or HMAC-SHA256 of id.timestamp.body")
            .tolerance("300 s both ways (signed)")
            .deliveryId("webhook-id / Idempotency-Key", true)
            .keyForm(KeyForm.TEXT_OR_WHSEC)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.json()
                    .event("X-Gitlab-Event", "Push Hook")
                    .header("X-Gitlab-Event-UUID", OutgoingWebhook::id)
                    .header("X-Gitlab-Webhook-UUID", w -> SenderHeaders.uuid("gitlab", w.id()))
                    .header("X-Gitlab-Instance", "https://gitlab.com")
                    .header("User-Agent", "GitLab/18.0.0"))
            .verifiers(GitLab::builder)
            .signsHeaders((s, w) -> GitLab.sign(s, w.id(), w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Twitch.NAME)
            .headers("Twitch-Eventsub-Message-Signature: sha256=<hex>")
            .algorithm("HMAC-SHA256 of id+timestamp+body")
            .tolerance("10 min past, 1 min ahead")
            .deliveryId("Twitch-Eventsub-Message-Id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.json()
                    .event("Twitch-Eventsub-Subscription-Type", "channel.follow")
                    .header(Twitch.TYPE_HEADER, "notification")
                    .header("Twitch-Eventsub-Message-Retry", "0")
                    .header("Twitch-Eventsub-Subscription-Version", "2"))
            .verifiers(Twitch::builder)
            .signsHeaders(
                (s, w) ->
                    Twitch.sign(
                        s,
                        w.id(),
                        java.time.Instant.ofEpochSecond(w.timestamp()).toString(),
                        w.body()))
            .build());
    add(
        Provider.sharedSecret(Meta.NAME)
            .headers("X-Hub-Signature-256: sha256=<hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.LEGACY_SCHEMES)
            .sends(SenderHeaders.json())
            .verifiers(Meta::builder)
            .signsHeaders((s, w) -> Meta.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(LemonSqueezy.NAME)
            .headers("X-Signature: <hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json().event("X-Event-Name", "order_created"))
            .verifiers(LemonSqueezy::builder)
            .signsHeaders((s, w) -> LemonSqueezy.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Calendly.NAME)
            .headers("Calendly-Webhook-Signature: t=..,v1=<hex>")
            .algorithm("HMAC-SHA256 of t.body")
            .tolerance("180 s both ways")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Calendly::builder)
            .signsHeaders((s, w) -> Calendly.sign(s, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Typeform.NAME)
            .headers("Typeform-Signature: sha256=<base64>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("body event_id", true)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Typeform::builder)
            .signsHeaders((s, w) -> Typeform.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Bitbucket.NAME)
            .headers("X-Hub-Signature: sha256=<hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("X-Request-UUID", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .event("X-Event-Key", "repo:push")
                    .header(Bitbucket.REQUEST_ID_HEADER, OutgoingWebhook::id)
                    .header("X-Hook-UUID", "{" + SenderHeaders.uuid("bitbucket", "hook") + "}")
                    .header("X-Attempt-Number", "1")
                    .header("User-Agent", "Bitbucket-Webhooks/2.0"))
            .verifiers(Bitbucket::builder)
            .signsHeaders((s, w) -> Bitbucket.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Sentry.NAME)
            .headers("Sentry-Hook-Signature: <hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("Request-ID", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .event("Sentry-Hook-Resource", "issue")
                    .header(Sentry.REQUEST_ID_HEADER, OutgoingWebhook::id)
                    .header("Sentry-Hook-Timestamp", w -> Long.toString(w.timestamp())))
            .verifiers(Sentry::builder)
            .signsHeaders((s, w) -> Sentry.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Vercel.NAME)
            .headers("x-vercel-signature: <hex>")
            .algorithm("HMAC-SHA1 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Vercel::builder)
            .signsHeaders((s, w) -> Vercel.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Vapi.NAME)
            .headers("x-vapi-secret, Bearer, or x-signature + x-timestamp")
            .algorithm("token, or HMAC-SHA256 of timestamp.body (configurable)")
            .tolerance("300 s both ways (HMAC)")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Vapi::builder)
            .signsHeaders(
                (s, w) -> Vapi.hmacPlan().sign(s, w.timestamp(), w.method(), w.url(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Mailgun.NAME)
            .headers("none: signature.{timestamp,token,signature} in the body")
            .algorithm("HMAC-SHA256 of timestamp+token (body not signed)")
            .tolerance("none (optional)")
            .deliveryId("signed timestamp+token", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(
                (keys, options) ->
                    options.tolerance().isPresent()
                        ? Mailgun.builder(keys, options.tolerance().get())
                        : Mailgun.builder(keys))
            .signsBody(Mailgun::signedDelivery)
            .build());
    add(
        Provider.sharedSecret(Adyen.NAME)
            .headers("none: additionalData.hmacSignature per notification item")
            .algorithm("HMAC-SHA256 of the item's key fields, hex key")
            .tolerance("none")
            .deliveryId("digest of the items' signed fields", true)
            .keyForm(KeyForm.HEX)
            .sends(SenderHeaders.json())
            .verifiers((keys, options) -> Adyen.builder(keys))
            .signsBody(Adyen::signedDelivery)
            .build());
    add(
        Provider.publicKey(Discord.NAME)
            .headers("X-Signature-Ed25519: <hex>, X-Signature-Timestamp")
            .algorithm("Ed25519 of timestamp+body (public key, hex)")
            .tolerance("300 s both ways")
            .deliveryId("none", false)
            .keyForm(KeyForm.ED25519_HEX)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Discord::builder)
            .signer((key, w) -> Discord.sign(key, w.timestamp(), w.body()))
            .build());
    add(
        Provider.publicKey(SendGrid.NAME)
            .headers("X-Twilio-Email-Event-Webhook-Signature: <base64 DER>, -Timestamp")
            .algorithm("ECDSA P-256 SHA-256 of timestamp+body (public key, base64)")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.EC_P256_BASE64)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(SendGrid::builder)
            .signer((key, w) -> SendGrid.sign(key, w.timestamp(), w.body()))
            .build());
    add(
        Provider.publicKey("standard-webhooks-v1a")
            .headers("webhook-id, webhook-timestamp, webhook-signature: v1a,<b64>")
            .algorithm("Ed25519 of id.timestamp.body (whpk_ public key)")
            .tolerance("300 s both ways")
            .deliveryId("webhook-id", true)
            .keyForm(KeyForm.ED25519_WHPK)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(StandardWebhooks::publicKeyBuilder)
            .signer((key, w) -> StandardWebhooks.signV1a(key, w.id(), w.timestamp(), w.body()))
            .build());

    // Second wave, JWS senders: Vonage, Netlify, Google Pub/Sub push, Apple App Store.
    add(
        Provider.sharedSecret(Vonage.NAME)
            .headers("Authorization: Bearer <JWT>")
            .algorithm("HS256 JWT, payload_hash = SHA-256 of the body (secret as text)")
            .tolerance("iat at most 300 s old")
            .deliveryId("body message_uuid or uuid, else jti", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(
                (keys, options) ->
                    Vonage.builder(keys, options.tolerance().orElse(Vonage.TOLERANCE)))
            .signsHeaders((s, w) -> Vonage.sign(s, w.timestamp(), w.id(), null, null, w.body()))
            .build());
    add(
        Provider.sharedSecret(Netlify.NAME)
            .headers("X-Webhook-Signature: <JWS>")
            .algorithm("HS256 JWS, iss netlify, sha256 = SHA-256 of the body (secret as text)")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers((keys, options) -> Netlify.builder(keys))
            .signsHeaders((s, w) -> Netlify.sign(s, w.body()))
            .build());
    add(
        Provider.publicKey(GooglePubSub.NAME)
            .headers("Authorization: Bearer <Google ID token>")
            .algorithm("RS256 JWT by kid from a supplied JWKS; iss, aud, email (body unsigned)")
            .tolerance("exp, with 300 s clock skew")
            .deliveryId("body message.messageId (unsigned)", false)
            .keyForm(KeyForm.GOOGLE_JWKS)
            .options(ProviderOptions.Option.PUBLIC_URL)
            .sends(SenderHeaders.json())
            .verifiers(GooglePubSub::builder)
            .signer((key, w) -> GooglePubSub.sign(key, w.url(), w.timestamp()))
            .build());
    add(
        Provider.publicKey(AppStore.NAME)
            .headers("none: signedPayload in the body")
            .algorithm("ES256 JWS, x5c chain to a supplied Apple root (PKIX), bundle id checked")
            .tolerance("none (certificate validity)")
            .deliveryId("signed notificationUUID", true)
            .keyForm(KeyForm.APPLE_ROOT)
            .sends(SenderHeaders.json())
            .verifiers(AppStore::builder)
            .signsBody(AppStore::sign)
            .build());

    // Second wave, certificate senders: AWS SNS, PayPal.
    add(
        Provider.publicKey(AwsSns.NAME)
            .headers("none: Signature, SignatureVersion, SigningCertURL in the JSON body")
            .algorithm("RSA-SHA1 (v1) or RSA-SHA256 (v2) of the canonical message, certificate")
            .tolerance("none")
            .deliveryId("MessageId", true)
            .keyForm(KeyForm.AWS_SNS_CERTIFICATE)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.sending("text/plain; charset=UTF-8")
                    .header("User-Agent", "Amazon Simple Notification Service Agent"))
            .verifiers(AwsSns::builder)
            .signsBody(AwsSns::signedDelivery)
            .build());
    add(
        Provider.publicKey(PayPal.NAME)
            .headers("PAYPAL-TRANSMISSION-SIG, -ID, -TIME, PAYPAL-CERT-URL, PAYPAL-AUTH-ALGO")
            .algorithm("SHA256withRSA of id|time|webhookId|crc32(body), certificate")
            .tolerance("none")
            .deliveryId("PAYPAL-TRANSMISSION-ID", true)
            .keyForm(KeyForm.PAYPAL_WEBHOOK_CERTIFICATE)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(PayPal::builder)
            .signer(PayPal::sign)
            .build());

    // Second wave, payments: Razorpay, Checkout.com, GoCardless, Paystack, Flutterwave, Mercado
    // Pago, Braintree.
    add(
        Provider.sharedSecret(Razorpay.NAME)
            .headers("X-Razorpay-Signature: <hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("X-Razorpay-Event-Id", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Razorpay::builder)
            .signsHeaders(
                (s, w) ->
                    Razorpay.sign(s, "evt_" + SenderHeaders.uuid("razorpay", w.id()), w.body()))
            .build());
    add(
        Provider.sharedSecret(CheckoutCom.NAME)
            .headers("Cko-Signature: <hex> (and Authorization, if configured)")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(CheckoutCom::builder)
            .signsHeaders((s, w) -> CheckoutCom.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(GoCardless.NAME)
            .headers("Webhook-Signature: <hex>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(GoCardless::builder)
            .signsHeaders((s, w) -> GoCardless.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Paystack.NAME)
            .headers("x-paystack-signature: <hex>")
            .algorithm("HMAC-SHA512 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Paystack::builder)
            .signsHeaders((s, w) -> Paystack.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Flutterwave.NAME)
            .headers("flutterwave-signature: <base64> (v4), or verif-hash token (v3)")
            .algorithm("HMAC-SHA256 of body, or the secret hash itself")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Flutterwave::builder)
            .signsHeaders((s, w) -> Flutterwave.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(MercadoPago.NAME)
            .headers("x-signature: ts=..,v1=<hex>, x-request-id")
            .algorithm("HMAC-SHA256 of id:<data.id>;request-id:..;ts:..; (body not signed)")
            .tolerance("none")
            .deliveryId("the signed manifest", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(MercadoPago::builder)
            .signsHeaders(
                (s, w) ->
                    MercadoPago.sign(
                        s,
                        w.url(),
                        SenderHeaders.uuid("mercadopago", w.id()),
                        Long.toString(w.timestamp() * 1000)))
            .build());
    add(
        Provider.sharedSecret(Braintree.NAME)
            .headers("none: bt_signature (public_key|<hex> pairs) and bt_payload form fields")
            .algorithm("HMAC-SHA1 of bt_payload, key SHA-1(private key)")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.BRAINTREE)
            .sends(SenderHeaders.form())
            .verifiers(
                (keys, options) -> {
                  throw new IllegalArgumentException(
                      "Braintree keys are pairs: give them as public_key:private_key");
                })
            .textVerifiers(Braintree::builder)
            .signsBodyFromText(Braintree::signedDelivery)
            .build());

    // Second wave, business systems: WorkOS, Zendesk, DocuSign, Box, QuickBooks, Xero, PagerDuty,
    // Okta, Azure Event Grid.
    add(
        Provider.sharedSecret(WorkOS.NAME)
            .headers("WorkOS-Signature: t=<ms>, v1=<hex>")
            .algorithm("HMAC-SHA256 of t.body (t in ms)")
            .tolerance("180 s both ways")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(WorkOS::builder)
            .signsHeaders((s, w) -> WorkOS.sign(s, w.timestamp() * 1000, w.body()))
            .build());
    add(
        Provider.sharedSecret(Zendesk.NAME)
            .headers("X-Zendesk-Webhook-Signature: <base64>, -Timestamp")
            .algorithm("HMAC-SHA256 of timestamp+body (secret as text)")
            .tolerance("300 s both ways")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.json()
                    .header(Zendesk.WEBHOOK_ID_HEADER, "01HZENDESKWEBHOOK0000000000")
                    .header(
                        Zendesk.INVOCATION_ID_HEADER, w -> SenderHeaders.uuid("zendesk", w.id())))
            .verifiers(Zendesk::builder)
            .signsHeaders(
                (s, w) ->
                    Zendesk.sign(
                        s, java.time.Instant.ofEpochSecond(w.timestamp()).toString(), w.body()))
            .build());
    add(
        Provider.sharedSecret(DocuSign.NAME)
            .headers("X-DocuSign-Signature-1..-100: <base64>")
            .algorithm("HMAC-SHA256 of body, any header under any key")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json().header(DocuSign.DIGEST_HEADER, "HMACSHA256"))
            .verifiers(DocuSign::builder)
            .signsHeaders((s, w) -> DocuSign.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Box.NAME)
            .headers("box-signature-primary/secondary, box-delivery-timestamp")
            .algorithm("HMAC-SHA256 of body+timestamp, primary/secondary key")
            .tolerance("600 s past, none ahead")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(
                SenderHeaders.json()
                    .header(Box.DELIVERY_ID_HEADER, w -> SenderHeaders.uuid("box", w.id())))
            .verifiers(Box::builder)
            .signsHeaders((s, w) -> Box.sign(s, Box.timestamp(w.timestamp()), w.body()))
            .build());
    add(
        Provider.sharedSecret(QuickBooks.NAME)
            .headers("intuit-signature: <base64>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(QuickBooks::builder)
            .signsHeaders((s, w) -> QuickBooks.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Xero.NAME)
            .headers("x-xero-signature: <base64>")
            .algorithm("HMAC-SHA256 of body; Intent to Receive helper")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Xero::builder)
            .signsHeaders((s, w) -> Xero.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(PagerDuty.NAME)
            .headers("X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("body event.id", true)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .header(PagerDuty.WEBHOOK_ID_HEADER, w -> SenderHeaders.uuid("pd", w.id()))
                    .header(PagerDuty.SUBSCRIPTION_HEADER, "PSUBSCR")
                    .header("User-Agent", "PagerDuty-Webhook/V3.0"))
            .verifiers(PagerDuty::builder)
            .signsHeaders((s, w) -> PagerDuty.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Okta.NAME)
            .headers("Authorization: <the configured secret>")
            .algorithm("shared token; verification challenge helper")
            .tolerance("none")
            .deliveryId("body eventId", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .textProof((text, w) -> Signed.headers(Okta.AUTHORIZATION_HEADER, text)))
            .verifiers(Okta::builder)
            .signsHeaders((s, w) -> java.util.Map.of())
            .build());
    add(
        Provider.sharedSecret(AzureEventGrid.NAME)
            .headers("Authorization: Bearer <secret> (or header, query)")
            .algorithm("shared token; validation and OPTIONS helpers")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.sending("application/json; charset=utf-8")
                    .event(AzureEventGrid.EVENT_TYPE_HEADER, "Notification")
                    .header(AzureEventGrid.SUBSCRIPTION_NAME_HEADER, "HOOKVERIFY-SUBSCRIPTION")
                    .header(AzureEventGrid.DELIVERY_COUNT_HEADER, "0")
                    .header("aeg-data-version", "1")
                    .header("aeg-metadata-version", "1")
                    .textProof((text, w) -> AzureEventGrid.bearer(text)))
            .verifiers(AzureEventGrid::builder)
            .signsHeaders((s, w) -> java.util.Map.of())
            .build());

    // Second wave, communications and AI: Telnyx, Plivo, LINE, Telegram, Microsoft Teams,
    // RingCentral, OpenAI, Replicate, Retell.
    add(
        Provider.publicKey(Telnyx.NAME)
            .headers("telnyx-signature-ed25519: <base64>, telnyx-timestamp")
            .algorithm("Ed25519 of timestamp|body (public key, base64)")
            .tolerance("300 s both ways")
            .deliveryId("body data.id", true)
            .keyForm(KeyForm.ED25519_BASE64)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Telnyx::builder)
            .signer((key, w) -> Telnyx.sign(key, w.timestamp(), w.body()))
            .build());
    add(
        Provider.sharedSecret(Plivo.NAME)
            .headers("X-Plivo-Signature-V3: <base64>,..., -V3-Nonce")
            .algorithm("HMAC-SHA256 of URL + sorted params + .nonce")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.PUBLIC_URL, ProviderOptions.Option.LEGACY_SCHEMES)
            .sends(SenderHeaders.form())
            .verifiers(Plivo::builder)
            .signsHeaders(
                (s, w) ->
                    Plivo.sign(
                        s,
                        w.method(),
                        w.url(),
                        w.contentType(null),
                        w.body(),
                        Plivo.nonceFor(w.id())))
            .build());
    add(
        Provider.sharedSecret(Line.NAME)
            .headers("X-Line-Signature: <base64>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.sending("application/json; charset=utf-8"))
            .verifiers(Line::builder)
            .signsHeaders((s, w) -> Line.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Telegram.NAME)
            .headers("X-Telegram-Bot-Api-Secret-Token")
            .algorithm("shared token (constant time)")
            .tolerance("none")
            .deliveryId("body update_id", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json().textProof((token, w) -> Telegram.sign(token)))
            .verifiers(Telegram::builder)
            .signsHeaders((s, w) -> Map.of()) // the token is the proof: sent from its text
            .build());
    add(
        Provider.sharedSecret(MicrosoftTeams.NAME)
            .headers("Authorization: HMAC <base64>")
            .algorithm("HMAC-SHA256 of body, base64-decoded security token")
            .tolerance("none")
            .deliveryId("body id", true)
            .keyForm(KeyForm.BASE64)
            .sends(SenderHeaders.json())
            .verifiers(MicrosoftTeams::builder)
            .signsHeaders((s, w) -> MicrosoftTeams.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(RingCentral.NAME)
            .headers("Verification-Token (Validation-Token handshake)")
            .algorithm("shared token (constant time)")
            .tolerance("none")
            .deliveryId("body uuid", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json().textProof((token, w) -> RingCentral.sign(token)))
            .verifiers(RingCentral::builder)
            .signsHeaders((s, w) -> Map.of()) // the token is the proof: sent from its text
            .build());
    for (String name : new String[] {OpenAI.NAME, Replicate.NAME}) {
      add(
          Provider.sharedSecret(name)
              .headers("webhook-id, webhook-timestamp, webhook-signature")
              .algorithm("HMAC-SHA256 of id.timestamp.body, base64")
              .tolerance("300 s both ways")
              .deliveryId("webhook-id", true)
              .keyForm(KeyForm.WHSEC)
              .options(ProviderOptions.Option.TOLERANCE)
              .sends(SenderHeaders.json())
              .verifiers(name.equals(OpenAI.NAME) ? OpenAI::builder : Replicate::builder)
              .signsHeaders((s, w) -> StandardWebhooks.sign(s, w.id(), w.timestamp(), w.body()))
              .build());
    }
    add(
        Provider.sharedSecret(Retell.NAME)
            .headers("x-retell-signature: v=<ms>,d=<hex>")
            .algorithm("HMAC-SHA256 of body+v (API key)")
            .tolerance("5 min both ways")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Retell::builder)
            .signsHeaders((s, w) -> Retell.sign(s, w.timestamp() * 1000, w.body()))
            .build());

    // Second wave, developer tools, media, commerce: CircleCI, Buildkite, Gitea, Terraform, Heroku,
    // Mux, Cloudinary, WooCommerce.
    add(
        Provider.sharedSecret(CircleCI.NAME)
            .headers("circleci-signature: v1=<hex> (versioned list; v1 only)")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json().event(CircleCI.EVENT_TYPE_HEADER, "workflow-completed"))
            .verifiers(CircleCI::builder)
            .signsHeaders((s, w) -> CircleCI.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Buildkite.NAME)
            .headers("X-Buildkite-Signature: timestamp=..,signature=<hex> (or X-Buildkite-Token)")
            .algorithm("HMAC-SHA256 of timestamp.body, or the token in clear")
            .tolerance("300 s both ways (signature)")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json().event(Buildkite.EVENT_HEADER, "build.finished"))
            .verifiers(Buildkite::builder)
            .signsHeaders((s, w) -> Buildkite.sign(s, w.timestamp(), w.body()))
            .build());
    for (String forge : new String[] {Gitea.NAME, Gitea.FORGEJO, Gitea.GOGS}) {
      add(
          Provider.sharedSecret(forge)
              .headers(Gitea.signatureHeader(forge) + ": <hex> (only this one is read)")
              .algorithm("HMAC-SHA256 of body")
              .tolerance("none")
              .deliveryId(Gitea.deliveryHeader(forge), false)
              .keyForm(KeyForm.TEXT)
              .sends(SenderHeaders.giteaFamily(forge))
              .verifiers((keys, options) -> Gitea.builder(forge, keys, options))
              .signsHeaders((s, w) -> Gitea.sign(forge, s, w.body()))
              .build());
    }
    add(
        Provider.sharedSecret(Terraform.NAME)
            .headers("X-TFE-Notification-Signature: <hex>")
            .algorithm("HMAC-SHA512 of body")
            .tolerance("none")
            .deliveryId("none", false)
            .keyForm(KeyForm.TEXT)
            .sends(SenderHeaders.json())
            .verifiers(Terraform::builder)
            .signsHeaders((s, w) -> Terraform.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Heroku.NAME)
            .headers("Heroku-Webhook-Hmac-SHA256: <base64>")
            .algorithm("HMAC-SHA256 of body")
            .tolerance("none")
            .deliveryId(Heroku.WEBHOOK_ID_HEADER, false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .header(Heroku.WEBHOOK_ID_HEADER, w -> SenderHeaders.uuid("heroku", w.id()))
                    .header(
                        "Heroku-Webhook-Sent-At",
                        w -> java.time.Instant.ofEpochSecond(w.timestamp()).toString()))
            .verifiers(Heroku::builder)
            .signsHeaders((s, w) -> Heroku.sign(s, w.body()))
            .build());
    add(
        Provider.sharedSecret(Mux.NAME)
            .headers("Mux-Signature: t=..,v1=<hex>")
            .algorithm("HMAC-SHA256 of t.body")
            .tolerance("300 s both ways")
            .deliveryId("body id", true)
            .keyForm(KeyForm.TEXT)
            .options(ProviderOptions.Option.TOLERANCE)
            .sends(SenderHeaders.json())
            .verifiers(Mux::builder)
            .signsHeaders((s, w) -> Mux.sign(s, w.timestamp(), w.body()))
            .build());
    for (SecretSuffixDigestAuthenticator.Algorithm algorithm :
        SecretSuffixDigestAuthenticator.Algorithm.values()) {
      boolean sha1 = algorithm == SecretSuffixDigestAuthenticator.Algorithm.SHA1;
      add(
          Provider.sharedSecret(sha1 ? Cloudinary.NAME : Cloudinary.SHA256_NAME)
              .headers("X-Cld-Signature: <hex>, X-Cld-Timestamp")
              .algorithm(
                  (sha1 ? "SHA-1" : "SHA-256")
                      + " of body+timestamp+secret (keyed hash, not an HMAC)")
              .tolerance("7200 s past, 300 s ahead")
              .deliveryId("none", false)
              .keyForm(KeyForm.TEXT)
              .options(ProviderOptions.Option.TOLERANCE)
              .sends(
                  SenderHeaders.json()
                      .textProof(
                          (text, w) -> Cloudinary.sign(algorithm, text, w.timestamp(), w.body())))
              .verifiers((keys, options) -> Cloudinary.builder(algorithm, keys, options))
              .signsHeaders((s, w) -> java.util.Map.of())
              .build());
    }
    add(
        Provider.sharedSecret(WooCommerce.NAME)
            .headers("X-WC-Webhook-Signature: <base64>")
            .algorithm("HMAC-SHA256 of body; creation ping unsigned")
            .tolerance("none")
            .deliveryId(WooCommerce.DELIVERY_ID_HEADER, false)
            .keyForm(KeyForm.TEXT)
            .sends(
                SenderHeaders.json()
                    .event(WooCommerce.TOPIC_HEADER, "order.created")
                    .header("X-WC-Webhook-Source", "https://shop.example/")
                    .header("X-WC-Webhook-Resource", "order")
                    .header("X-WC-Webhook-Event", "created")
                    .header("X-WC-Webhook-ID", "1")
                    .header(
                        WooCommerce.DELIVERY_ID_HEADER,
                        w -> SenderHeaders.uuid("woocommerce", w.id())))
            .verifiers(WooCommerce::builder)
            .signsHeaders((s, w) -> WooCommerce.sign(s, w.body()))
            .build());
  }

  private Providers() {}

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
