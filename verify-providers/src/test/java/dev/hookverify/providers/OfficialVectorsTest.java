package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The vectors of ../shared/providers.md through the public API. OFFICIAL ones are published by the
 * provider (docs or official SDK tests); DERIVED ones were computed from the documented algorithm
 * and only guard against regressions.
 */
class OfficialVectorsTest {
  @Test
  void github_officialDocsAndOctokitVectors() throws Exception {
    VerifiedWebhook docs =
        GitHub.verifier(WebhookSecret.ofUtf8("It's a Secret to Everybody"))
            .verify(
                request(
                    Map.of(
                        "X-Hub-Signature-256",
                        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                    utf8("Hello, World!")));
    assertThat(docs.provider()).isEqualTo("github");
    GitHub.verifier(WebhookSecret.ofUtf8("mysecret"))
        .verify(
            request(
                Map.of(
                    "x-hub-signature-256",
                    "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3"),
                utf8("{\"foo\":\"bar\"}")));
  }

  @Test
  void github_legacySha1OnlyWhenEnabled() throws Exception {
    // DERIVED: the docs' inputs under the legacy SHA-1 header.
    Map<String, String> legacy =
        Map.of("X-Hub-Signature", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59");
    KeyRing keys = KeyRing.of(WebhookSecret.ofUtf8("It's a Secret to Everybody"));
    assertThat(reasonOf(GitHub.builder(keys).build(), request(legacy, utf8("Hello, World!"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    GitHub.builderAcceptingLegacySha1(keys).build().verify(request(legacy, utf8("Hello, World!")));
  }

  @Test
  void standardWebhooksAndSvix_officialReferenceLibraryVector() throws Exception {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    byte[] body = utf8("{\"test\": 2432232314}");
    String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    for (String prefix : new String[] {"webhook", "svix"}) {
      Map<String, String> headers =
          Map.of(
              prefix + "-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
              prefix + "-timestamp", "1614265330",
              prefix + "-signature", signature);
      WebhookVerifier verifier =
          prefix.equals("svix")
              ? Svix.builder("svix", KeyRing.of(StandardWebhooks.secret(secret)))
                  .clock(at(1614265330))
                  .build()
              : StandardWebhooks.builder(KeyRing.of(StandardWebhooks.secret(secret)))
                  .clock(at(1614265330))
                  .build();
      VerifiedWebhook webhook = verifier.verify(request(headers, body));
      assertThat(webhook.deliveryId()).contains("msg_p5jXN8AQM9LWM0D4loKWxJek");
      assertThat(webhook.isDeliveryIdSigned()).isTrue();

      // The reference tests' other fixtures: several entries pass, v2 alone and garbage fail.
      String sig = signature.substring(3);
      Map<String, String> multi =
          Map.of(
              prefix + "-id",
              "msg_p5jXN8AQM9LWM0D4loKWxJek",
              prefix + "-timestamp",
              "1614265330",
              prefix + "-signature",
              "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
                  + " v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,"
                  + sig
                  + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
      verifier.verify(request(multi, body));
      assertThat(
              reasonOf(verifier, request(with(headers, prefix + "-signature", "v2," + sig), body)))
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
      assertThat(
              reasonOf(
                  verifier,
                  request(with(headers, prefix + "-signature", "invalid_signature"), body)))
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
      // Five minutes and one second later, the same delivery is stale.
      KeyRing keys = KeyRing.of(StandardWebhooks.secret(secret));
      WebhookVerifier later =
          prefix.equals("svix")
              ? Svix.builder("svix", keys).clock(at(1614265330 + 301)).build()
              : StandardWebhooks.builder(keys).clock(at(1614265330 + 301)).build();
      assertThat(reasonOf(later, request(headers, body))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    }
  }

  @Test
  void slack_officialDocsVector() throws Exception {
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    WebhookVerifier verifier =
        Slack.builder(KeyRing.of(WebhookSecret.ofUtf8("8f742231b10e8888abcd99yyyzzz85a5")))
            .clock(at(1531420618))
            .build();
    VerifiedWebhook webhook =
        verifier.verify(
            request(
                Map.of(
                    "X-Slack-Request-Timestamp", "1531420618",
                    "X-Slack-Signature",
                        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"),
                utf8(body)));
    assertThat(webhook.deliveryId()).isEmpty(); // a slash command, form-encoded: no event_id
  }

  @Test
  void twilio_officialFormAndPortVectors() throws Exception {
    byte[] form =
        utf8(
            "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212");
    Map<String, String> formType = Map.of("Content-Type", "application/x-www-form-urlencoded");
    WebhookVerifier verifier = Twilio.verifier(WebhookSecret.ofUtf8("12345"));
    verifier.verify(
        request(
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            with(formType, "X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
            form));
    // Received with the default port: Twilio signed without it.
    verifier.verify(
        request(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            with(formType, "X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
            form));
    verifier.verify(
        request(
            "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
            with(formType, "X-Twilio-Signature", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="),
            form));
  }

  @Test
  void twilio_officialJsonBodySha256Vectors() throws Exception {
    WebhookVerifier verifier = Twilio.verifier(WebhookSecret.ofUtf8("12345"));
    byte[] json = utf8("{\"property\": \"value\", \"boolean\": true}");
    String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    Map<String, String> jsonType = Map.of("Content-Type", "application/json");
    verifier.verify(
        request(
            "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + hash,
            with(jsonType, "X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4="),
            json));
    verifier.verify(
        request(
            "https://mycompany.com/myapp.php?bodySHA256=" + hash,
            with(jsonType, "X-Twilio-Signature", "y77kIzt2vzLz71DgmJGsen2scGs="),
            json));
    // Signed by Twilio over the URL with ":443"; received without it.
    verifier.verify(
        request(
            "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            with(jsonType, "X-Twilio-Signature", "Ldidvp12m26NI7eqEvxnEpkd9Hc="),
            utf8("{}")));
    // The body must hash to bodySHA256.
    assertThat(
            reasonOf(
                verifier,
                request(
                    "https://mycompany.com/myapp.php?bodySHA256=" + hash,
                    with(jsonType, "X-Twilio-Signature", "y77kIzt2vzLz71DgmJGsen2scGs="),
                    utf8("{\"property\": \"value\", \"boolean\": false}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void twilio_behindAProxy_thePublicUrlIsSigned() throws Exception {
    byte[] form =
        utf8(
            "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212");
    WebhookVerifier verifier =
        Twilio.builder(
                KeyRing.of(WebhookSecret.ofUtf8("12345")),
                url -> url.replace("http://10.0.0.7:8080", "https://mycompany.com"))
            .build();
    verifier.verify(
        request(
            "http://10.0.0.7:8080/myapp.php?foo=1&bar=2",
            Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
            form));
  }

  @Test
  void derivedRegressionVectors_stripeShopifyElevenLabs() throws Exception {
    // DERIVED (not official) vectors from ../shared/providers.md.
    Stripe.builder(KeyRing.of(WebhookSecret.ofUtf8("whsec_test_secret")))
        .clock(at(1700000000))
        .build()
        .verify(
            request(
                Map.of(
                    "Stripe-Signature",
                    "t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990"),
                utf8("{\"id\":\"evt_test_webhook\",\"object\":\"event\"}")));
    Shopify.verifier(WebhookSecret.ofUtf8("shpss_test_secret"))
        .verify(
            request(
                Map.of("X-Shopify-Hmac-Sha256", "VbrwdOeQGniGWSBm4yhEL+TAMvglVxgOBBMZd/GNKkU="),
                utf8("{\"id\":123}")));
    ElevenLabs.builder(KeyRing.of(WebhookSecret.ofUtf8("wsec_test_secret")))
        .clock(at(1700000000))
        .build()
        .verify(
            request(
                Map.of(
                    "ElevenLabs-Signature",
                    "t=1700000000,v0=91222e2e9ff8106ca6367bb9c9900610ea2b5520d9dd7d1b59ca0a711e5ae840"),
                utf8(
                    "{\"type\":\"post_call_transcription\",\"event_timestamp\":1700000000,\"data\":{}}")));
  }

  @Test
  void stripe_deliveryIdIsTheSignedEventId() throws Exception {
    VerifiedWebhook webhook =
        Stripe.builder(KeyRing.of(WebhookSecret.ofUtf8("whsec_test_secret")))
            .clock(at(1700000000))
            .build()
            .verify(
                request(
                    Map.of(
                        "Stripe-Signature",
                        "t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990"),
                    utf8("{\"id\":\"evt_test_webhook\",\"object\":\"event\"}")));
    assertThat(webhook.deliveryId()).contains("evt_test_webhook");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }

  @Test
  void twilio_urlVariants() {
    assertThat(Twilio.withoutPort("https://h.com:443/p?a=1")).isEqualTo("https://h.com/p?a=1");
    assertThat(Twilio.withPort("https://h.com/p?a=1")).isEqualTo("https://h.com:443/p?a=1");
    assertThat(Twilio.withPort("http://h.com")).isEqualTo("http://h.com:80");
    assertThat(Twilio.withPort("http://h.com:1234/p")).isEqualTo("http://h.com:1234/p");
    assertThat(Twilio.withoutPort("http://u:pw@h.com/p")).isEqualTo("http://u:pw@h.com/p");
    assertThat(Twilio.withoutPort("/relative")).isEqualTo("/relative");
    assertThat(UnaryOperator.<String>identity().apply("x")).isEqualTo("x");
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, value);
    return copy;
  }
}
