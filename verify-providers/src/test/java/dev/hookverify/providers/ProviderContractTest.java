package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * For every provider in the registry: its signer's delivery verifies; each tamper (a body byte, the
 * timestamp, a signed header, the secret, the URL where it is signed) is rejected with the right
 * reason; a missing header is MISSING_SIGNATURE and a garbled one MALFORMED_SIGNATURE.
 */
class ProviderContractTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";

  /** How a provider's sender signs, and what of its request can be tampered with. */
  private static final class Fixture {
    final String secret;
    final Signer signer;
    final List<String> proofHeaders;
    final UnaryOperator<Map<String, String>> tamperTimestamp;
    final UnaryOperator<Map<String, String>> tamperSignedHeader;
    final boolean signsUrl;

    Fixture(
        String secret,
        Signer signer,
        List<String> proofHeaders,
        UnaryOperator<Map<String, String>> tamperTimestamp,
        UnaryOperator<Map<String, String>> tamperSignedHeader,
        boolean signsUrl) {
      this.secret = secret;
      this.signer = signer;
      this.proofHeaders = proofHeaders;
      this.tamperTimestamp = tamperTimestamp;
      this.tamperSignedHeader = tamperSignedHeader;
      this.signsUrl = signsUrl;
    }
  }

  @FunctionalInterface
  private interface Signer {
    Map<String, String> sign(WebhookSecret secret, byte[] body);
  }

  private static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();

  static {
    FIXTURES.put(
        "stripe",
        new Fixture(
            "whsec_abc123",
            (s, b) -> Stripe.sign(s, NOW, b),
            List.of("Stripe-Signature"),
            h -> replace(h, "Stripe-Signature", "t=" + NOW, "t=" + (NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "github",
        new Fixture(
            "gh-secret",
            (s, b) -> GitHub.sign(s, "d-1", b),
            List.of("X-Hub-Signature-256", "X-Hub-Signature"),
            null,
            null,
            false));
    Signer standard = (s, b) -> StandardWebhooks.sign(s, "msg_1", NOW, b);
    FIXTURES.put(
        "standard-webhooks",
        new Fixture(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            standard,
            List.of("webhook-signature"),
            h -> with(h, "webhook-timestamp", Long.toString(NOW - 1)),
            h -> with(h, "webhook-id", "msg_2"),
            false));
    for (String svix : List.of("svix", "clerk", "resend")) {
      FIXTURES.put(
          svix,
          new Fixture(
              "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
              (s, b) -> Svix.sign(s, "msg_1", NOW, b),
              List.of("svix-signature"),
              h -> with(h, "svix-timestamp", Long.toString(NOW - 1)),
              h -> with(h, "svix-id", "msg_2"),
              false));
    }
    FIXTURES.put(
        "slack",
        new Fixture(
            "slack-signing-secret",
            (s, b) -> Slack.sign(s, NOW, b),
            List.of("X-Slack-Signature"),
            h -> with(h, "X-Slack-Request-Timestamp", Long.toString(NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "twilio",
        new Fixture(
            "twilio-auth-token",
            (s, b) ->
                with(
                    Twilio.sign(s, URL, "application/x-www-form-urlencoded", b),
                    "Content-Type",
                    "application/x-www-form-urlencoded"),
            List.of("X-Twilio-Signature"),
            null,
            null,
            true));
    FIXTURES.put(
        "shopify",
        new Fixture(
            "shpss_secret",
            (s, b) -> Shopify.sign(s, "w-1", b),
            List.of("X-Shopify-Hmac-Sha256"),
            null,
            null,
            false));
    FIXTURES.put(
        "elevenlabs",
        new Fixture(
            "wsec_secret",
            (s, b) -> ElevenLabs.sign(s, NOW, b),
            List.of("ElevenLabs-Signature"),
            h -> replace(h, "ElevenLabs-Signature", "t=" + NOW, "t=" + (NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "mightycall",
        new Fixture("mc-secret", MightyCall::sign, List.of("x-signature"), null, null, false));
    FIXTURES.put(
        "cloudonix",
        new Fixture(
            "cx-secret", Cloudonix::sign, List.of("X-Cloudonix-Signature"), null, null, false));
    FIXTURES.put(
        "square",
        new Fixture(
            "sq-signature-key",
            (s, b) -> Square.sign(s, URL, b),
            List.of("x-square-hmacsha256-signature"),
            null,
            null,
            true));
    FIXTURES.put(
        "paddle",
        new Fixture(
            "pdl_ntfset_secret",
            (s, b) -> Paddle.sign(s, NOW, b),
            List.of("Paddle-Signature"),
            h -> replace(h, "Paddle-Signature", "ts=" + NOW, "ts=" + (NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "zoom",
        new Fixture(
            "zoom-token",
            (s, b) -> Zoom.sign(s, NOW, b),
            List.of("x-zm-signature"),
            h -> with(h, "x-zm-request-timestamp", Long.toString(NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "hubspot",
        new Fixture(
            "hs-client-secret",
            (s, b) -> HubSpot.sign(s, "POST", URL, NOW * 1000, b),
            List.of("X-HubSpot-Signature-v3"),
            h -> with(h, "X-HubSpot-Request-Timestamp", Long.toString(NOW * 1000 - 1)),
            null,
            true));
    FIXTURES.put(
        "linear",
        new Fixture("lin-secret", Linear::sign, List.of("Linear-Signature"), null, null, false));
    FIXTURES.put(
        "intercom",
        new Fixture("ic-secret", Intercom::sign, List.of("X-Hub-Signature"), null, null, false));
    FIXTURES.put(
        "gitlab",
        new Fixture(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            (s, b) -> GitLab.sign(s, "msg_1", NOW, b),
            List.of("webhook-signature"),
            h -> with(h, "webhook-timestamp", Long.toString(NOW - 1)),
            h -> with(h, "webhook-id", "msg_2"),
            false));
    String rfc = java.time.Instant.ofEpochSecond(NOW).toString();
    String rfcEarlier = java.time.Instant.ofEpochSecond(NOW - 1).toString();
    FIXTURES.put(
        "twitch",
        new Fixture(
            "twitch-secret",
            (s, b) -> Twitch.sign(s, "m-1", rfc, b),
            List.of("Twitch-Eventsub-Message-Signature"),
            h -> with(h, "Twitch-Eventsub-Message-Timestamp", rfcEarlier),
            h -> with(h, "Twitch-Eventsub-Message-Id", "m-2"),
            false));
    FIXTURES.put(
        "meta",
        new Fixture("app-secret", Meta::sign, List.of("X-Hub-Signature-256"), null, null, false));
    FIXTURES.put(
        "lemonsqueezy",
        new Fixture("ls-secret", LemonSqueezy::sign, List.of("X-Signature"), null, null, false));
    FIXTURES.put(
        "calendly",
        new Fixture(
            "cal-key",
            (s, b) -> Calendly.sign(s, NOW, b),
            List.of("Calendly-Webhook-Signature"),
            h -> replace(h, "Calendly-Webhook-Signature", "t=" + NOW, "t=" + (NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "typeform",
        new Fixture("tf-secret", Typeform::sign, List.of("Typeform-Signature"), null, null, false));
    FIXTURES.put(
        "bitbucket",
        new Fixture("bb-secret", Bitbucket::sign, List.of("X-Hub-Signature"), null, null, false));
    FIXTURES.put(
        "sentry",
        new Fixture(
            "sentry-secret", Sentry::sign, List.of("Sentry-Hook-Signature"), null, null, false));
    FIXTURES.put(
        "vercel",
        new Fixture(
            "vercel-secret", Vercel::sign, List.of("x-vercel-signature"), null, null, false));
    FIXTURES.put(
        "vapi",
        new Fixture(
            "vapi-secret",
            (s, b) -> Vapi.hmacPlan().sign(s, NOW, "POST", URL, b),
            List.of("x-signature"),
            h -> with(h, "x-timestamp", Long.toString(NOW - 1)),
            null,
            false));
    String form = "application/x-www-form-urlencoded";
    FIXTURES.put(
        "plivo",
        new Fixture(
            "plivo-auth-token",
            (s, b) -> with(Plivo.sign(s, "POST", URL, form, b, "12345"), "Content-Type", form),
            List.of("X-Plivo-Signature-V3"),
            null,
            h -> with(h, "X-Plivo-Signature-V3-Nonce", "12346"),
            true));
    FIXTURES.put(
        "line",
        new Fixture(
            "line-channel-secret", Line::sign, List.of("X-Line-Signature"), null, null, false));
    FIXTURES.put(
        "microsoft-teams",
        new Fixture(
            // Microsoft's sample key without its padding, so the changed key is base64 too.
            "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA",
            MicrosoftTeams::sign,
            List.of("Authorization"),
            null,
            null,
            false));
    for (String sw : List.of("openai", "replicate")) {
      FIXTURES.put(
          sw,
          new Fixture(
              "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
              standard,
              List.of("webhook-signature"),
              h -> with(h, "webhook-timestamp", Long.toString(NOW - 1)),
              h -> with(h, "webhook-id", "msg_2"),
              false));
    }
    FIXTURES.put(
        "retell",
        new Fixture(
            "retell-api-key",
            (s, b) -> Retell.sign(s, NOW * 1000, b),
            List.of("x-retell-signature"),
            h -> replace(h, "x-retell-signature", "v=" + NOW * 1000, "v=" + (NOW * 1000 - 1)),
            null,
            false));
    // Second wave, business systems.
    FIXTURES.put(
        "workos",
        new Fixture(
            "workos_secret",
            (s, b) -> WorkOS.sign(s, NOW * 1000, b),
            List.of("WorkOS-Signature"),
            h -> replace(h, "WorkOS-Signature", "t=" + NOW * 1000, "t=" + (NOW * 1000 - 1)),
            null,
            false));
    FIXTURES.put(
        "zendesk",
        new Fixture(
            Zendesk.TEST_SIGNING_SECRET,
            (s, b) -> Zendesk.sign(s, rfc, b),
            List.of("X-Zendesk-Webhook-Signature"),
            h -> with(h, "X-Zendesk-Webhook-Signature-Timestamp", rfcEarlier),
            null,
            false));
    FIXTURES.put(
        "docusign",
        new Fixture(
            "docusign_hmac_key",
            DocuSign::sign,
            List.of("X-DocuSign-Signature-1"),
            null,
            null,
            false));
    FIXTURES.put(
        "box",
        new Fixture(
            "SamplePrimaryKey",
            (s, b) -> Box.sign(s, Box.timestamp(NOW), b),
            List.of("box-signature-primary"),
            h -> with(h, "box-delivery-timestamp", Box.timestamp(NOW - 1)),
            null,
            false));
    FIXTURES.put(
        "quickbooks",
        new Fixture(
            "qb-verifier-token", QuickBooks::sign, List.of("intuit-signature"), null, null, false));
    FIXTURES.put(
        "xero",
        new Fixture(
            "xero_webhook_key", Xero::sign, List.of("x-xero-signature"), null, null, false));
    FIXTURES.put(
        "pagerduty",
        new Fixture(
            "pd_secret", PagerDuty::sign, List.of("X-PagerDuty-Signature"), null, null, false));
    // JWS senders: the timestamp (iat) travels inside the signed token, so there is none to tamper.
    FIXTURES.put(
        "vonage",
        new Fixture(
            "vonage-secret",
            (s, b) -> Vonage.sign(s, NOW, "jti-1", "abcd1234", "app-1", b),
            List.of("Authorization"),
            null,
            null,
            false));
    FIXTURES.put(
        "netlify",
        new Fixture(
            "netlify-secret", Netlify::sign, List.of("X-Webhook-Signature"), null, null, false));
    // Second wave, developer tools, media, commerce.
    FIXTURES.put(
        "circleci",
        new Fixture(
            "cci-secret", CircleCI::sign, List.of("circleci-signature"), null, null, false));
    FIXTURES.put(
        "buildkite",
        new Fixture(
            "bk-token",
            (s, b) -> Buildkite.sign(s, NOW, b),
            List.of("X-Buildkite-Signature"),
            h -> replace(h, "X-Buildkite-Signature", "timestamp=" + NOW, "timestamp=" + (NOW - 1)),
            null,
            false));
    for (String forge : List.of("gitea", "forgejo", "gogs")) {
      FIXTURES.put(
          forge,
          new Fixture(
              forge + "-secret",
              (s, b) -> Gitea.sign(forge, s, b),
              List.of(Gitea.signatureHeader(forge)),
              null,
              null,
              false));
    }
    FIXTURES.put(
        "terraform",
        new Fixture(
            "tfe-token",
            Terraform::sign,
            List.of("X-TFE-Notification-Signature"),
            null,
            null,
            false));
    FIXTURES.put(
        "heroku",
        new Fixture(
            "heroku-secret",
            Heroku::sign,
            List.of("Heroku-Webhook-Hmac-SHA256"),
            null,
            null,
            false));
    FIXTURES.put(
        "mux",
        new Fixture(
            "mux-secret",
            (s, b) -> Mux.sign(s, NOW, b),
            List.of("Mux-Signature"),
            h -> replace(h, "Mux-Signature", "t=" + NOW, "t=" + (NOW - 1)),
            null,
            false));
    for (var algorithm : dev.hookverify.SecretSuffixDigestAuthenticator.Algorithm.values()) {
      String name =
          algorithm == dev.hookverify.SecretSuffixDigestAuthenticator.Algorithm.SHA1
              ? "cloudinary"
              : "cloudinary-sha256";
      // The keyed hash needs the secret text: the fixture's own, as the signer's argument is bytes.
      FIXTURES.put(
          name,
          new Fixture(
              "cld-secret",
              (s, b) -> Cloudinary.sign(algorithm, "cld-secret", NOW, b),
              List.of("X-Cld-Signature"),
              h -> with(h, "X-Cld-Timestamp", Long.toString(NOW - 1)),
              null,
              false));
    }
    FIXTURES.put(
        "woocommerce",
        new Fixture(
            "wc-secret", WooCommerce::sign, List.of("X-WC-Webhook-Signature"), null, null, false));
  }

  // Second wave, payments.
  static {
    FIXTURES.put(
        "razorpay",
        new Fixture(
            "rzp-secret",
            (s, b) -> Razorpay.sign(s, "evt_1", b),
            List.of("X-Razorpay-Signature"),
            null,
            null,
            false));
    FIXTURES.put(
        "checkout-com",
        new Fixture("cko-key", CheckoutCom::sign, List.of("Cko-Signature"), null, null, false));
    FIXTURES.put(
        "gocardless",
        new Fixture(
            "gc-secret", GoCardless::sign, List.of("Webhook-Signature"), null, null, false));
    FIXTURES.put(
        "paystack",
        new Fixture(
            "sk_test_1", Paystack::sign, List.of("x-paystack-signature"), null, null, false));
    FIXTURES.put(
        "flutterwave",
        new Fixture(
            "flw-hash", Flutterwave::sign, List.of("flutterwave-signature"), null, null, false));
  }

  /** Senders whose proof is the shared secret itself, sent in a header; see the token test. */
  private static final List<String> TOKEN_SENDERS = List.of("okta", "azure-event-grid");

  @Test
  void everyRegisteredProvider_hasAFixture() {
    List<String> expected = new ArrayList<>(FIXTURES.keySet());
    expected.addAll(List.of("discord", "sendgrid", "standard-webhooks-v1a"));
    expected.addAll(List.of("mailgun", "adyen")); // signed inside the body: BodySignedProvidersTest
    // JWS senders with their own tamper tests: Google's token does not cover the body
    // (GooglePubSubTest); Apple's is inside the body (AppStoreTest).
    expected.addAll(List.of("google-pubsub", "apple-app-store"));
    expected.add("braintree"); // signed inside the form: BraintreeTest
    expected.add("mercadopago"); // signs ids, not the body: MercadoPagoTest tampers with those
    expected.addAll(TOKEN_SENDERS);
    expected.add("aws-sns"); // signed inside the body, by certificate: AwsSnsTest
    expected.add("paypal"); // certificate-signed: below, and PayPalTest
    expected.add("telnyx"); // public key: below
    expected.addAll(List.of("telegram", "ringcentral")); // tokens: TelegramTest, RingCentralTest
    assertThat(expected)
        .containsExactlyInAnyOrderElementsOf(
            Providers.all().stream().map(Provider::name).collect(Collectors.toList()));
  }

  @Test
  void everyProvider_signThenVerifyAndEveryTamper() {
    List<String> failures = new ArrayList<>();
    byte[] body =
        utf8(
            "{\"id\":\"evt_1\",\"event_id\":\"ev_1\",\"webhookTimestamp\":"
                + NOW * 1000
                + ",\"note\":\"caf\u00e9 a=1&b=2\"}");
    FIXTURES.forEach(
        (name, fixture) -> {
          SharedSecretProvider provider = (SharedSecretProvider) Providers.byName(name);
          WebhookSecret secret = provider.secret(fixture.secret);
          WebhookVerifier verifier =
              provider.verifier(dev.hookverify.KeyRing.of(secret)).clock(at(NOW)).build();
          Map<String, String> headers = fixture.signer.sign(secret, body);

          expect(failures, name + " genuine", verifier, request(URL, headers, body), null);

          byte[] tampered = body.clone();
          tampered[tampered.length - 1] ^= 1;
          expect(
              failures,
              name + " body byte",
              verifier,
              request(URL, headers, tampered),
              Reason.SIGNATURE_MISMATCH);

          String otherSecret =
              fixture.secret.startsWith("whsec_")
                  ? "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                  : fixture.secret + "x";
          WebhookVerifier wrongKey =
              provider
                  .verifier(dev.hookverify.KeyRing.of(provider.secret(otherSecret)))
                  .clock(at(NOW))
                  .build();
          expect(
              failures,
              name + " secret",
              wrongKey,
              request(URL, headers, body),
              Reason.SIGNATURE_MISMATCH);

          if (fixture.tamperTimestamp != null) {
            expect(
                failures,
                name + " timestamp",
                verifier,
                request(URL, fixture.tamperTimestamp.apply(headers), body),
                Reason.SIGNATURE_MISMATCH);
          }
          if (fixture.tamperSignedHeader != null) {
            expect(
                failures,
                name + " signed header",
                verifier,
                request(URL, fixture.tamperSignedHeader.apply(headers), body),
                Reason.SIGNATURE_MISMATCH);
          }
          if (fixture.signsUrl) {
            expect(
                failures,
                name + " url",
                verifier,
                request(URL.replace("/in", "/out"), headers, body),
                Reason.SIGNATURE_MISMATCH);
          }

          Map<String, String> missing = new LinkedHashMap<>(headers);
          fixture.proofHeaders.forEach(missing::remove);
          expect(
              failures,
              name + " missing",
              verifier,
              request(URL, missing, body),
              Reason.MISSING_SIGNATURE);

          Map<String, String> garbled = new LinkedHashMap<>(headers);
          garbled.put(fixture.proofHeaders.get(0), "garbage!!");
          expect(
              failures,
              name + " garbled",
              verifier,
              request(URL, garbled, body),
              Reason.MALFORMED_SIGNATURE);
        });
    assertThat(failures).isEmpty();
  }

  /** Public-key senders: signed with a fresh private key, verified with its public key. */
  @Test
  void publicKeyProviders_signThenVerifyAndEveryTamper() {
    Map<String, String[]> proof =
        Map.of(
            "discord", new String[] {"X-Signature-Ed25519", "X-Signature-Timestamp"},
            "sendgrid",
                new String[] {
                  "X-Twilio-Email-Event-Webhook-Signature", "X-Twilio-Email-Event-Webhook-Timestamp"
                },
            "standard-webhooks-v1a", new String[] {"webhook-signature", "webhook-timestamp"},
            "paypal", new String[] {"PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-TIME"},
            "telnyx", new String[] {"telnyx-signature-ed25519", "telnyx-timestamp"});
    List<String> failures = new ArrayList<>();
    byte[] body = utf8("[{\"sg_event_id\":\"e1\"}]\r\n");
    proof.forEach(
        (name, headersOf) -> {
          Provider provider = Providers.byName(name);
          TestKeys keys = provider.sender().newTestKeys();
          WebhookVerifier verifier =
              provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
          Map<String, String> headers =
              provider
                  .sender()
                  .sign(
                      keys.signingKey(),
                      OutgoingWebhook.builder(body).timestamp(NOW).id("msg_1").build())
                  .headers();
          expect(failures, name + " genuine", verifier, request(URL, headers, body), null);
          byte[] tampered = body.clone();
          tampered[0] ^= 1;
          expect(
              failures,
              name + " body byte",
              verifier,
              request(URL, headers, tampered),
              Reason.SIGNATURE_MISMATCH);
          expect(
              failures,
              name + " timestamp",
              verifier,
              request(URL, with(headers, headersOf[1], earlier(name)), body),
              Reason.SIGNATURE_MISMATCH);
          WebhookVerifier otherKey =
              provider
                  .verifier(List.of(provider.sender().newTestKeys().verificationKey()))
                  .clock(at(NOW))
                  .build();
          expect(
              failures,
              name + " key",
              otherKey,
              request(URL, headers, body),
              Reason.SIGNATURE_MISMATCH);
          Map<String, String> missing = new LinkedHashMap<>(headers);
          missing.remove(headersOf[0]);
          expect(
              failures,
              name + " missing",
              verifier,
              request(URL, missing, body),
              Reason.MISSING_SIGNATURE);
          expect(
              failures,
              name + " garbled",
              verifier,
              request(URL, with(headers, headersOf[0], "garbage!!"), body),
              Reason.MALFORMED_SIGNATURE);
        });
    assertThat(failures).isEmpty();
  }

  /**
   * Senders that send the shared secret itself (Okta, Azure Event Grid): the genuine token is
   * accepted, another token is a mismatch, a missing one MISSING_SIGNATURE, a repeated one
   * MALFORMED_SIGNATURE. A token covers no body: a changed body is still accepted, as documented.
   */
  @Test
  void tokenProviders_genuineWrongMissingAndRepeatedTokens() {
    List<String> failures = new ArrayList<>();
    byte[] body = utf8("{\"eventId\":\"e1\",\"data\":{}}");
    for (String name : TOKEN_SENDERS) {
      Provider provider = Providers.byName(name);
      String token = provider.sender().newTestKeys().signingKey();
      WebhookVerifier verifier = provider.verifier(List.of(token)).clock(at(NOW)).build();
      Map<String, String> headers =
          provider
              .sender()
              .sign(token, OutgoingWebhook.builder(body).timestamp(NOW).id("msg_1").build())
              .headers();
      expect(failures, name + " genuine", verifier, request(URL, headers, body), null);
      byte[] tampered = body.clone();
      tampered[1] ^= 1;
      expect(failures, name + " body byte", verifier, request(URL, headers, tampered), null);
      WebhookVerifier otherToken =
          provider
              .verifier(List.of(provider.sender().newTestKeys().signingKey()))
              .clock(at(NOW))
              .build();
      expect(
          failures,
          name + " token",
          otherToken,
          request(URL, headers, body),
          Reason.SIGNATURE_MISMATCH);
      Map<String, String> missing = new LinkedHashMap<>(headers);
      missing.remove("Authorization");
      expect(
          failures,
          name + " missing",
          verifier,
          request(URL, missing, body),
          Reason.MISSING_SIGNATURE);
      WebhookRequest.Builder repeated = WebhookRequest.builder().uri(URL).body(body);
      headers.forEach(repeated::header);
      repeated.header("Authorization", headers.get("Authorization"));
      expect(failures, name + " repeated", verifier, repeated.build(), Reason.MALFORMED_SIGNATURE);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void registry_unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Providers.byName("strype"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown provider 'strype'")
        .hasMessageContaining("stripe, github, standard-webhooks");
    assertThat(Providers.byName(" Stripe ").name()).isEqualTo("stripe");
  }

  private static void expect(
      List<String> failures,
      String what,
      WebhookVerifier verifier,
      WebhookRequest request,
      Reason expected) {
    try {
      Reason actual = reasonOf(verifier, request);
      if (actual != expected) {
        failures.add(what + ": expected " + expected + ", got " + actual);
      }
    } catch (RuntimeException e) {
      failures.add(what + ": threw " + e);
    }
  }

  /** The timestamp a second before NOW, as the sender writes it (PayPal: RFC 3339). */
  private static String earlier(String provider) {
    return provider.equals("paypal")
        ? java.time.Instant.ofEpochSecond(NOW - 1).toString()
        : Long.toString(NOW - 1);
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return copy;
  }

  private static Map<String, String> replace(
      Map<String, String> headers, String name, String from, String to) {
    return with(headers, name, headers.get(name).replace(from, to));
  }
}
