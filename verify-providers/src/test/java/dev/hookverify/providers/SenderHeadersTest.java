package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.providers.signing.TestKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The signing kit sends exactly the headers each real sender sends: its proof, its content type,
 * its event or topic and its other metadata. Transport headers (Host, Content-Length, Accept,
 * Accept-Encoding) are the HTTP client's and not listed; User-Agent is listed where the sender's
 * docs name it among the delivery headers. Headers a sender adds only on retries (Slack's
 * X-Slack-Retry-Num, Square's square-retry-number) or only for some subscriptions (Shopify's
 * X-Shopify-Sub-Topic and X-Shopify-Name) are not part of a first delivery and not listed. Names
 * compare case-insensitively, as HTTP does.
 */
class SenderHeadersTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in";

  /** The header names each sender sends on a first delivery, from its docs (see each line). */
  private static final Map<String, List<String>> SENT = new LinkedHashMap<>();

  static {
    // docs.stripe.com/webhooks (Stripe-Signature); stripe-node Webhooks.ts; JSON, UTF-8.
    sent("stripe", "Content-Type", "Stripe-Signature");
    // github/docs content/webhooks/webhook-events-and-payloads.md, "Delivery headers".
    sent(
        "github",
        "Content-Type",
        "X-GitHub-Hook-ID",
        "X-GitHub-Event",
        "X-GitHub-Delivery",
        "X-Hub-Signature",
        "X-Hub-Signature-256",
        "User-Agent",
        "X-GitHub-Hook-Installation-Target-Type",
        "X-GitHub-Hook-Installation-Target-ID");
    // standard-webhooks spec/standard-webhooks.md; svix docs "Verifying Webhooks Manually".
    String[] standard = {"Content-Type", "webhook-id", "webhook-timestamp", "webhook-signature"};
    sent("standard-webhooks", standard);
    sent("standard-webhooks-v1a", standard);
    // svix-webhooks WebhookBase; Clerk verify-webhook and Resend verify-webhooks-requests docs.
    for (String svix : new String[] {"svix", "clerk", "resend"}) {
      sent(svix, "Content-Type", "svix-id", "svix-timestamp", "svix-signature");
    }
    // docs.slack.dev/authentication/verifying-requests-from-slack.
    sent("slack", "Content-Type", "X-Slack-Signature", "X-Slack-Request-Timestamp");
    // twilio.com/docs/usage/security (X-Twilio-Signature); form-encoded POST parameters.
    sent("twilio", "Content-Type", "X-Twilio-Signature");
    // Shopify/shopify-app-js lib/webhooks/validate.ts requires Hmac, Topic, Shop-Domain,
    // API-Version and Webhook-Id (else "missing headers"); shopify.dev/docs/apps/build/webhooks
    // "key terminology" adds Triggered-At and Event-Id.
    sent(
        "shopify",
        "Content-Type",
        "X-Shopify-Hmac-Sha256",
        "X-Shopify-Topic",
        "X-Shopify-Shop-Domain",
        "X-Shopify-API-Version",
        "X-Shopify-Webhook-Id",
        "X-Shopify-Triggered-At",
        "X-Shopify-Event-Id");
    // elevenlabs.io/docs post-call webhooks; elevenlabs-js src/wrapper/webhooks.ts.
    sent("elevenlabs", "Content-Type", "ElevenLabs-Signature");
    // No public docs: seeds/000 (MightyCall) and seeds/002 (Cloudonix status webhooks).
    sent("mightycall", "Content-Type", "x-signature");
    sent("cloudonix", "Content-Type", "X-Cloudonix-Signature");
    // developer.squareup.com/docs/webhooks/step2subscribe, "metadata headers" (the retry headers
    // come only on retries).
    sent(
        "square",
        "Content-Type",
        "x-square-hmacsha256-signature",
        "square-environment",
        "square-initial-delivery-timestamp");
    // developer.paddle.com/webhooks/about/signature-verification.
    sent("paddle", "Content-Type", "Paddle-Signature");
    // zoom/webhook-sample index.js; developers.zoom.us webhook docs (the verification-token
    // authorization header was sunset in 2025).
    sent("zoom", "Content-Type", "x-zm-signature", "x-zm-request-timestamp", "x-zm-trackingid");
    // developers.hubspot.com .../request-validation: v3 and its timestamp, and "for backwards
    // compatibility" the older signature with its version (v1 for webhook subscriptions).
    sent(
        "hubspot",
        "Content-Type",
        "X-HubSpot-Signature-v3",
        "X-HubSpot-Request-Timestamp",
        "X-HubSpot-Signature",
        "X-HubSpot-Signature-Version");
    // linear.app/developers/webhooks; @linear/sdk LINEAR_WEBHOOK_SIGNATURE_HEADER and
    // LINEAR_WEBHOOK_TS_HEADER (medium: the delivery and event headers from secondary sources).
    sent(
        "linear",
        "Content-Type",
        "Linear-Signature",
        "Linear-Delivery",
        "Linear-Event",
        "Linear-Timestamp");
    // Intercom Developer Hub "Signed notifications" (via the hookdeck intercom-webhooks skill).
    sent("intercom", "Content-Type", "X-Hub-Signature");
    // gitlabhq doc/user/project/integrations/webhooks.md "Delivery headers" and the signing-token
    // MR !230944 (Standard Webhooks headers; X-Gitlab-Token only with a legacy secret token).
    sent(
        "gitlab",
        "Content-Type",
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
        "Idempotency-Key",
        "X-Gitlab-Event",
        "X-Gitlab-Event-UUID",
        "X-Gitlab-Webhook-UUID",
        "X-Gitlab-Instance",
        "User-Agent");
    // dev.twitch.tv/docs/eventsub/handling-webhook-events, "list of request headers".
    sent(
        "twitch",
        "Content-Type",
        "Twitch-Eventsub-Message-Id",
        "Twitch-Eventsub-Message-Retry",
        "Twitch-Eventsub-Message-Type",
        "Twitch-Eventsub-Message-Signature",
        "Twitch-Eventsub-Message-Timestamp",
        "Twitch-Eventsub-Subscription-Type",
        "Twitch-Eventsub-Subscription-Version");
    // developers.facebook.com/docs/graph-api/webhooks/getting-started (X-Hub-Signature-256).
    sent("meta", "Content-Type", "X-Hub-Signature-256");
    // docs.lemonsqueezy.com/help/webhooks/signing-requests; lemonsqueezy.com/docs/api/webhooks.
    sent("lemonsqueezy", "Content-Type", "X-Signature", "X-Event-Name");
    // developer.calendly.com/api-docs webhook-signatures.
    sent("calendly", "Content-Type", "Calendly-Webhook-Signature");
    // typeform.com/developers/webhooks/secure-your-webhooks.
    sent("typeform", "Content-Type", "Typeform-Signature");
    // support.atlassian.com Bitbucket Cloud "Manage webhooks", event payloads "HTTP headers";
    // bitbucket.org/blog/enhanced-webhook-security (X-Hub-Signature).
    sent(
        "bitbucket",
        "Content-Type",
        "X-Hub-Signature",
        "X-Event-Key",
        "X-Request-UUID",
        "X-Hook-UUID",
        "X-Attempt-Number",
        "User-Agent");
    // docs.sentry.io/integrations/integration-platform/webhooks, "Headers".
    sent(
        "sentry",
        "Content-Type",
        "Request-ID",
        "Sentry-Hook-Resource",
        "Sentry-Hook-Timestamp",
        "Sentry-Hook-Signature");
    // vercel.com/docs/webhooks (x-vercel-signature).
    sent("vercel", "Content-Type", "x-vercel-signature");
    // VapiAI/docs fern/server-url/server-authentication.mdx: the HMAC plan's defaults.
    sent("vapi", "Content-Type", "x-signature", "x-timestamp");
    // discord/discord-api-docs docs/interactions/overview.mdx.
    sent("discord", "Content-Type", "X-Signature-Ed25519", "X-Signature-Timestamp");
    // sendgrid-nodejs packages/eventwebhook; SendGrid "Event Webhook security features".
    sent(
        "sendgrid",
        "Content-Type",
        "X-Twilio-Email-Event-Webhook-Signature",
        "X-Twilio-Email-Event-Webhook-Timestamp");
    // documentation.mailgun.com securing-webhooks; Adyen verify-hmac-signatures: the proof is in
    // the body, so only the content type travels as a header; the kit makes the body.
    // Second wave, communications and AI (providers-next.md sections 41, 47, 49, 50, 56, 57, 60,
    // 61).
    // team-telnyx/telnyx-java WebhookVerification.kt reads exactly these two.
    sent("telnyx", "Content-Type", "telnyx-signature-ed25519", "telnyx-timestamp");
    // plivo/plivo-python signature_v3.py and plivo.com signature-validation docs (V3 only; the
    // legacy V2 pair is not produced by the kit). Form-encoded POST parameters.
    sent("plivo", "Content-Type", "X-Plivo-Signature-V3", "X-Plivo-Signature-V3-Nonce");
    // line-bot-sdk-java WebhookParser.SIGNATURE_HEADER_NAME; JSON in UTF-8.
    sent("line", "Content-Type", "X-Line-Signature");
    // core.telegram.org/bots/api#setwebhook (secret_token).
    sent("telegram", "Content-Type", "X-Telegram-Bot-Api-Secret-Token");
    // OfficeDev microsoft-teams-sample-outgoing-webhook AuthProvider.cs (Authorization: HMAC).
    sent("microsoft-teams", "Content-Type", "Authorization");
    // developers.ringcentral.com receiving webhooks (deliveryMode.verificationToken).
    sent("ringcentral", "Content-Type", "Verification-Token");
    // openai-node webhooks.test.ts and replicate-javascript lib/util.js: Standard Webhooks.
    sent("openai", standard);
    sent("replicate", standard);
    // RetellAI/retell-typescript-sdk src/lib/webhook_auth.ts.
    sent("retell", "Content-Type", "x-retell-signature");
    sent("mailgun", "Content-Type");
    sent("adyen", "Content-Type");
    // docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html (HTTP/HTTPS headers): the
    // proof is in the body; the x-amz-sns-* headers repeat (unsigned) what it says.
    sent(
        "aws-sns",
        "Content-Type",
        "x-amz-sns-message-type",
        "x-amz-sns-message-id",
        "x-amz-sns-topic-arn",
        "x-amz-sns-subscription-arn",
        "User-Agent");
    // paypal/PayPal-Java-SDK Constants.java and PayPal's verify-webhook-signature reference.
    sent(
        "paypal",
        "Content-Type",
        "PAYPAL-TRANSMISSION-ID",
        "PAYPAL-TRANSMISSION-TIME",
        "PAYPAL-CERT-URL",
        "PAYPAL-AUTH-ALGO",
        "PAYPAL-TRANSMISSION-SIG");
    // Second wave, payments (shared/providers-next.md sections 35, 39, 40, 42, 51, 58, 59).
    // razorpay.com/docs/webhooks: the signature and x-razorpay-event-id.
    sent("razorpay", "Content-Type", "X-Razorpay-Signature", "X-Razorpay-Event-Id");
    // checkout.com receive-webhooks: Cko-Signature (Authorization only when a key is configured).
    sent("checkout-com", "Content-Type", "Cko-Signature");
    // gocardless-pro-java Webhook.parse: Webhook-Signature.
    sent("gocardless", "Content-Type", "Webhook-Signature");
    // paystack.com/docs/payments/webhooks: x-paystack-signature.
    sent("paystack", "Content-Type", "x-paystack-signature");
    // developer.flutterwave.com/docs/webhooks, v4: flutterwave-signature.
    sent("flutterwave", "Content-Type", "flutterwave-signature");
    // Mercado Pago notifications: x-signature and x-request-id (data.id travels in the URL).
    sent("mercadopago", "Content-Type", "x-signature", "x-request-id");
    // braintree_java WebhookTestingGateway: the proof is in the form, only its type is a header.
    sent("braintree", "Content-Type");
    // developer.vonage.com signed webhooks: the JWT in Authorization; JSON bodies.
    sent("vonage", "Content-Type", "Authorization");
    // docs.netlify.com deploy notifications, "Payload signature".
    sent("netlify", "Content-Type", "X-Webhook-Signature");
    // cloud.google.com/pubsub/docs/authenticate-push-subscriptions: the OIDC token as Bearer.
    sent("google-pubsub", "Content-Type", "Authorization");
    // developer.apple.com App Store Server Notifications V2: signedPayload in the JSON body.
    sent("apple-app-store", "Content-Type");
    // Second wave, developer tools, media, commerce.
    // circleci.com/docs/guides/integration/outbound-webhooks (circleci-signature, -event-type).
    sent("circleci", "Content-Type", "circleci-signature", "circleci-event-type");
    // buildkite.com/docs/apis/webhooks/pipelines (signature mode; X-Buildkite-Event).
    sent("buildkite", "Content-Type", "X-Buildkite-Signature", "X-Buildkite-Event");
    // go-gitea/gitea services/webhook/deliver.go addDefaultHeaders; Forgejo's adds X-Forgejo-*.
    String[] gitea = {
      "X-Gitea-Delivery",
      "X-Gitea-Event",
      "X-Gitea-Event-Type",
      "X-Gitea-Signature",
      "X-Gogs-Delivery",
      "X-Gogs-Event",
      "X-Gogs-Event-Type",
      "X-Gogs-Signature",
      "X-GitHub-Delivery",
      "X-GitHub-Event",
      "X-GitHub-Event-Type",
      "X-Hub-Signature",
      "X-Hub-Signature-256",
      "Content-Type"
    };
    sent("gitea", gitea);
    List<String> forgejo = new ArrayList<>(List.of(gitea));
    forgejo.addAll(
        List.of(
            "X-Forgejo-Delivery",
            "X-Forgejo-Event",
            "X-Forgejo-Event-Type",
            "X-Forgejo-Signature"));
    sent("forgejo", forgejo.toArray(new String[0]));
    // gogs/gogs internal/database/webhook.go (X-Gogs-Delivery, -Event, -Signature).
    sent("gogs", "Content-Type", "X-Gogs-Delivery", "X-Gogs-Event", "X-Gogs-Signature");
    // developer.hashicorp.com .../workspaces/settings/notifications (a token configured).
    sent("terraform", "Content-Type", "X-TFE-Notification-Signature");
    // devcenter.heroku.com/articles/app-webhooks.
    sent(
        "heroku",
        "Content-Type",
        "Heroku-Webhook-Hmac-SHA256",
        "Heroku-Webhook-Id",
        "Heroku-Webhook-Sent-At");
    // mux.com/docs/core/verify-webhook-signatures.
    sent("mux", "Content-Type", "Mux-Signature");
    // cloudinary_java NotificationRequestSignatureVerifier; Cloudinary notifications docs.
    sent("cloudinary", "Content-Type", "X-Cld-Signature", "X-Cld-Timestamp");
    sent("cloudinary-sha256", "Content-Type", "X-Cld-Signature", "X-Cld-Timestamp");
    // woocommerce/woocommerce WC_Webhook::deliver (the user agent is the HTTP client's).
    sent(
        "woocommerce",
        "Content-Type",
        "X-WC-Webhook-Signature",
        "X-WC-Webhook-Source",
        "X-WC-Webhook-Topic",
        "X-WC-Webhook-Resource",
        "X-WC-Webhook-Event",
        "X-WC-Webhook-ID",
        "X-WC-Webhook-Delivery-ID");
    // Second wave, business systems (shared/providers-next.md sections 38, 43-46, 52-55).
    // workos/workos-node src/webhooks/webhooks.ts (WorkOS-Signature only).
    sent("workos", "Content-Type", "WorkOS-Signature");
    // developer.zendesk.com .../webhooks/anatomy-of-a-webhook-request (medium).
    sent(
        "zendesk",
        "Content-Type",
        "X-Zendesk-Webhook-Signature",
        "X-Zendesk-Webhook-Signature-Timestamp",
        "X-Zendesk-Webhook-Id",
        "X-Zendesk-Webhook-Invocation-Id");
    // developers.docusign.com .../connect/hmac: one numbered header per key (one key here).
    sent("docusign", "Content-Type", "X-DocuSign-Signature-1", "X-Authorization-Digest");
    // box/box-java-sdk WebhooksManager.validateMessage and its test (one key: no secondary).
    sent(
        "box",
        "Content-Type",
        "box-delivery-id",
        "box-delivery-timestamp",
        "box-signature-version",
        "box-signature-algorithm",
        "box-signature-primary");
    // intuit/QuickBooks-V3-Java-SDK WebhooksService (intuit-signature).
    sent("quickbooks", "Content-Type", "intuit-signature");
    // developer.xero.com .../webhooks/overview (x-xero-signature).
    sent("xero", "Content-Type", "x-xero-signature");
    // developer.pagerduty.com webhooks overview, "Webhook HTTP headers".
    sent(
        "pagerduty",
        "Content-Type",
        "X-PagerDuty-Signature",
        "X-Webhook-Id",
        "X-Webhook-Subscription",
        "User-Agent");
    // developer.okta.com event hooks: the configured authentication header.
    sent("okta", "Content-Type", "Authorization");
    // learn.microsoft.com event-grid delivery-properties (Authorization) and handler message
    // headers (aeg-*).
    sent(
        "azure-event-grid",
        "Content-Type",
        "Authorization",
        "aeg-event-type",
        "aeg-subscription-name",
        "aeg-delivery-count",
        "aeg-data-version",
        "aeg-metadata-version");
  }

  private static void sent(String provider, String... names) {
    SENT.put(provider, List.of(names));
  }

  private static Set<String> lowerCase(Iterable<String> names) {
    Set<String> set = new TreeSet<>();
    names.forEach(name -> set.add(name.toLowerCase(Locale.ROOT)));
    return set;
  }

  private static OutgoingWebhook.Builder delivery(byte[] body) {
    return OutgoingWebhook.builder(body).url(URL).id("msg_1").timestamp(NOW);
  }

  @Test
  void table_coversEveryRegisteredProvider() {
    assertThat(SENT.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Providers.all().stream().map(Provider::name).collect(Collectors.toList()));
  }

  @Test
  void sign_everyProvider_sendsExactlyTheSendersHeaderSet() {
    byte[] body = utf8("{\"id\":\"evt_1\",\"webhookTimestamp\":" + NOW * 1000 + "}");
    List<String> failures = new ArrayList<>();
    for (Provider provider : Providers.all()) {
      TestKeys keys = provider.sender().newTestKeys();
      SignedDelivery signed = provider.sender().sign(keys.signingKey(), delivery(body).build());
      Map<String, String> headers = signed.headers();
      Set<String> expected = lowerCase(SENT.get(provider.name()));
      if (!lowerCase(headers.keySet()).equals(expected)) {
        failures.add(provider.name() + ": sends " + headers.keySet() + ", expected " + expected);
      }
      // The complete set still verifies: nothing added disturbs the proof.
      if (reasonOf(
              provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build(),
              request(URL, headers, signed.body()))
          != null) {
        failures.add(provider.name() + ": its complete header set does not verify");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void sign_shopify_sendsWhatShopifysSdkRequires() {
    Map<String, String> headers =
        Providers.byName("shopify")
            .sender()
            .sign("shpss_test_secret", delivery(utf8("{}")).build())
            .headers();
    assertThat(headers)
        .containsEntry("X-Shopify-Topic", "orders/create")
        .containsEntry("X-Shopify-Shop-Domain", "example.myshopify.com")
        .containsKey("X-Shopify-API-Version")
        .containsEntry("X-Shopify-Webhook-Id", "msg_1")
        .containsEntry("X-Shopify-Triggered-At", "2027-01-15T08:00:00Z")
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void sign_eventAndMetadataOverrides_replaceTheDefaultsAndStillVerify() {
    Provider github = Providers.byName("github");
    byte[] body = utf8("{\"action\":\"opened\"}");
    Map<String, String> headers =
        github
            .sender()
            .sign(
                "s3cr3t",
                delivery(body)
                    .event("issues")
                    .header("x-github-hook-id", "7")
                    .header("X-Forwarded-For", "192.0.2.1")
                    .build())
            .headers();
    assertThat(headers)
        .containsEntry("X-GitHub-Event", "issues")
        .containsEntry("X-GitHub-Hook-ID", "7")
        .containsEntry("X-Forwarded-For", "192.0.2.1")
        .doesNotContainKey("x-github-hook-id");
    assertThat(reasonOf(github.verifier(List.of("s3cr3t")).build(), request(URL, headers, body)))
        .isNull();
    assertThat(
            Providers.byName("twilio")
                .sender()
                .sign(
                    "twilio_token",
                    delivery(utf8("{}"))
                        .url(Twilio.withBodySha256(URL, utf8("{}")))
                        .contentType("application/json")
                        .build())
                .headers())
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void sign_overrideOfAProofHeaderOrAControlCharacter_isRefused() {
    Provider github = Providers.byName("github");
    assertThatThrownBy(
            () ->
                github
                    .sender()
                    .sign(
                        "s3cr3t",
                        delivery(utf8("{}")).header("X-Hub-Signature-256", "sha256=00").build())
                    .headers())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Hub-Signature-256");
    assertThatThrownBy(
            () ->
                github
                    .sender()
                    .sign("s3cr3t", delivery(utf8("{}")).id("d1\r\nX-Injected: 1").build())
                    .headers())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> delivery(utf8("{}")).header("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
