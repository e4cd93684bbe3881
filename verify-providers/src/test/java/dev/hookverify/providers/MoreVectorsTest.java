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
import org.junit.jupiter.api.Test;

/**
 * The catalog's vectors for the second batch of providers, through the public API. OFFICIAL ones
 * are published by the provider's SDK tests; DERIVED ones only guard against regressions.
 */
class MoreVectorsTest {
  private static KeyRing key(String secret) {
    return KeyRing.of(WebhookSecret.ofUtf8(secret));
  }

  @Test
  void square_officialSdkVectorsAndNegatives() throws Exception {
    // OFFICIAL: square-java-sdk WebhooksHelperTest.
    String url = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9";
    byte[] body =
        utf8(
            "{\"merchant_id\":\"MLEFBHHSJGVHD\",\"type\":\"webhooks.test_notification\","
                + "\"event_id\":\"ac3ac95b-f97d-458c-a6e6-18981597e05f\","
                + "\"created_at\":\"2022-07-13T20:30:59.037339943Z\","
                + "\"data\":{\"type\":\"webhooks\",\"id\":\"bc368e64-01aa-407e-b46e-3231809b1129\"}}");
    Map<String, String> headers =
        Map.of("x-square-hmacsha256-signature", "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=");
    VerifiedWebhook webhook =
        Square.builder(key("Ibxx_5AKakO-3qeNVR61Dw"), url).build().verify(request(headers, body));
    assertThat(webhook.deliveryId()).contains("ac3ac95b-f97d-458c-a6e6-18981597e05f");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    // The received URI is signed when no URL is given.
    Square.builder(key("Ibxx_5AKakO-3qeNVR61Dw")).build().verify(request(url, headers, body));
    assertThat(
            reasonOf(
                Square.builder(key("Ibxx_5AKakO-3qeNVR61Dw"), url.substring(1)).build(),
                request(headers, body)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                Square.builder(key("MCmhFRxGX82xMwg5FsaoQA"), url).build(), request(headers, body)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);

    Square.builder(key("signature-key"), "https://webhook.site/webhooks")
        .build()
        .verify(
            request(
                Map.of(
                    "x-square-hmacsha256-signature",
                    "Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U="),
                utf8("{\"data\":{\"type\":\"webhooks\",\"id\":\">id<\"}}")));
  }

  @Test
  void paddle_officialSdkVectorsWithTheFiveSecondWindow() throws Exception {
    // OFFICIAL: paddle-node-sdk webhooks-validator test; clock 2023-11-01T00:00:00Z.
    byte[] body = utf8("{\"data\": [\"1\", \"2\"]}");
    Map<String, String> headers =
        Map.of(
            "Paddle-Signature",
            "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9");
    Paddle.builder(key("VALID_SECRET"))
        .clock(at(1698796805))
        .build()
        .verify(request(headers, body));
    assertThat(
            reasonOf(
                Paddle.builder(key("VALID_SECRET")).clock(at(1698796806)).build(),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                Paddle.builder(key("VALID_SECRET")).clock(at(1698796800)).build(),
                request(headers, utf8("{ \"data\": [ \"1\", \"2\" ]}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    Paddle.builder(key("VALID_SECRET"))
        .clock(at(1698796800))
        .build()
        .verify(
            request(
                Map.of(
                    "Paddle-Signature",
                    "ts=1698796800;h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h2=RANDOM_HASH"),
                utf8("{\"data\": \"value\"}")));
  }

  @Test
  void zoom_derivedSignatureAndUrlValidationResponse() throws Exception {
    // DERIVED vectors.
    WebhookVerifier zoom = Zoom.builder(key("zoom_secret_token")).clock(at(1700000000)).build();
    zoom.verify(
        request(
            Map.of(
                "x-zm-request-timestamp",
                "1700000000",
                "x-zm-signature",
                "v0=c497b1c90522c8f17a26f96a1f6c4a597b481e9194c92bbab4a8fd37ef38f6ea"),
            utf8("{\"event\":\"meeting.started\",\"payload\":{},\"event_ts\":1700000000000}")));

    byte[] crc =
        utf8(
            "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}");
    Map<String, String> signed =
        Zoom.sign(WebhookSecret.ofUtf8("zoom_secret_token"), 1700000000, crc);
    VerifiedWebhook validation = zoom.verify(request(signed, crc));
    assertThat(Zoom.urlValidationResponse(WebhookSecret.ofUtf8("zoom_secret_token"), validation))
        .contains(
            "{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\",\"encryptedToken\":"
                + "\"bd48235863f4a6323ccc4963c594908b7c97f88b4a6a95278f4f093690b12726\"}");
  }

  @Test
  void derivedBodyHmacVectors() throws Exception {
    // DERIVED vectors from the catalog.
    Intercom.builder(key("client_secret"))
        .build()
        .verify(
            request(
                Map.of("X-Hub-Signature", "sha1=90b69ebf3c5f5428c88d3a1515c1e63d71f53bbf"),
                utf8("{\"type\":\"notification_event\",\"topic\":\"ping\"}")));
    Meta.builder(key("app_secret"))
        .build()
        .verify(
            request(
                Map.of(
                    "X-Hub-Signature-256",
                    "sha256=c236c758c9b2bd40b388a550eeca09eaca72384dd0aa5e7c31d19cddac5bba46"),
                utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[]}")));
    LemonSqueezy.builder(key("ls_signing_secret"))
        .build()
        .verify(
            request(
                Map.of(
                    "X-Signature",
                    "f72910c7ef0b383d807e731b198c16f226cd47b27cfbab1cec711183a0b7a6ce"),
                utf8("{\"meta\":{\"event_name\":\"order_created\"},\"data\":{}}")));
    assertThat(
            Typeform.builder(key("typeform_secret"))
                .build()
                .verify(
                    request(
                        Map.of(
                            "Typeform-Signature",
                            "sha256=avoM/oP7xoyOktm7gKBSCvy0i7ltp/sf6guWr8qLwwA="),
                        utf8("{\"event_id\":\"01ABC\",\"event_type\":\"form_response\"}")))
                .deliveryId())
        .contains("01ABC");
    Bitbucket.builder(key("webhook_secret"))
        .build()
        .verify(
            request(
                Map.of(
                    "X-Hub-Signature",
                    "sha256=a4c75def30101456302fe013a979899345fbeda1ce5b6a1e5ef677816943610a"),
                utf8("{\"eventKey\":\"repo:push\"}")));
    Sentry.builder(key("sentry_client_secret"))
        .build()
        .verify(
            request(
                Map.of(
                    "Sentry-Hook-Signature",
                    "0db442c3dd2b0c5a450deddee6de0c5443c4a462e936eb4f28e1297216c5f813"),
                utf8("{\"action\":\"created\",\"data\":{}}")));
    Vercel.builder(key("vercel_secret"))
        .build()
        .verify(
            request(
                Map.of("x-vercel-signature", "94a4db2349d01ac9e860f4d2742aa9abf485d558"),
                utf8("{\"type\":\"deployment.created\",\"id\":\"evt_1\"}")));
  }

  @Test
  void linear_derivedVectorAndFreshnessFromTheSignedBody() throws Exception {
    byte[] body =
        utf8("{\"action\":\"create\",\"type\":\"Issue\",\"webhookTimestamp\":1700000000000}");
    Map<String, String> headers =
        Map.of(
            "Linear-Signature", "3d91034918ee3b48b939778cce22688adc664301731ea390e6a4fcfb5e925bc6");
    Linear.builder(key("SECRET")).clock(at(1700000060)).build().verify(request(headers, body));
    assertThat(
            reasonOf(
                Linear.builder(key("SECRET")).clock(at(1700000061)).build(),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                Linear.builder(key("SECRET")).clock(at(1699999939)).build(),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    byte[] noTimestamp = utf8("{\"action\":\"create\"}");
    assertThat(
            reasonOf(
                Linear.builder(key("SECRET")).build(),
                request(Linear.sign(WebhookSecret.ofUtf8("SECRET"), noTimestamp), noTimestamp)))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void timestampedDerivedVectors_twitchCalendlyHubspotVapi() throws Exception {
    Twitch.builder(key("keepItSecretKeepItSafe"))
        .clock(Requests.at(java.time.Instant.parse("2019-11-16T10:15:00Z").getEpochSecond()))
        .build()
        .verify(
            request(
                Map.of(
                    "Twitch-Eventsub-Message-Id",
                    "e76c6bd4-55c9-4987-8304-da1588d8988b",
                    "Twitch-Eventsub-Message-Timestamp",
                    "2019-11-16T10:11:12.634234626Z",
                    "Twitch-Eventsub-Message-Signature",
                    "sha256=11c94dae6a7205821d8006a12e469c005b53c8c12ddeeac800b52c1cae81c793"),
                utf8("{\"event\":{}}")));
    Calendly.builder(key("calendly_signing_key"))
        .clock(at(1700000000))
        .build()
        .verify(
            request(
                Map.of(
                    "Calendly-Webhook-Signature",
                    "t=1700000000,v1=7c7e325be658164dc380d838840ca9f061137cfceeeb8eb8554524cb38913971"),
                utf8("{\"event\":\"invitee.created\"}")));
    HubSpot.builder(key("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"))
        .clock(at(1700000000))
        .build()
        .verify(
            request(
                "https://www.example.com/webhook_uri",
                Map.of(
                    "X-HubSpot-Request-Timestamp", "1700000000000",
                    "X-HubSpot-Signature-v3", "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o="),
                utf8("{\"example_field\":\"example_value\"}")));
    Vapi.builder(key("vapi_secret"))
        .clock(at(1700000000))
        .build()
        .verify(
            request(
                Map.of(
                    "x-timestamp",
                    "1700000000",
                    "x-signature",
                    "cd13a4da61dd63d4616a870afa3f0f5f5437577fb3dd3e33f98023fcb4a599bb"),
                utf8("{\"message\":{\"type\":\"status-update\"}}")));
  }

  @Test
  void gitlab_tokenOrSigningToken() throws Exception {
    WebhookVerifier token =
        GitLab.builder(KeyRing.of(GitLab.secret("gitlab-secret-token"))).build();
    VerifiedWebhook viaToken =
        token.verify(
            request(
                Map.of(
                    "X-Gitlab-Token",
                    "gitlab-secret-token",
                    "Idempotency-Key",
                    "k-1",
                    "webhook-id",
                    "k-1",
                    "webhook-timestamp",
                    "1700000000"),
                utf8("{}")));
    assertThat(viaToken.deliveryId()).contains("k-1");
    assertThat(viaToken.isDeliveryIdSigned()).isFalse();
    assertThat(reasonOf(token, request(Map.of("X-Gitlab-Token", "wrong"), utf8("{}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void metaAndTwitch_handshakes() throws Exception {
    assertThat(Meta.subscriptionChallenge("subscribe", "tok", "1158201444", "tok"))
        .contains("1158201444");
    assertThat(Meta.subscriptionChallenge("subscribe", "bad", "1158201444", "tok")).isEmpty();
    assertThat(Meta.subscriptionChallenge("unsubscribe", "tok", "1", "tok")).isEmpty();

    byte[] body = utf8("{\"challenge\":\"pogchamp-kappa-360noscope-vohiyo\",\"subscription\":{}}");
    String ts = java.time.Instant.now().toString();
    Map<String, String> signed =
        new java.util.LinkedHashMap<>(
            Twitch.sign(WebhookSecret.ofUtf8("s3cr3t-s3cr3t"), "m-9", ts, body));
    signed.put("Twitch-Eventsub-Message-Type", "webhook_callback_verification");
    dev.hookverify.WebhookRequest req = request(signed, body);
    VerifiedWebhook verified = Twitch.builder(key("s3cr3t-s3cr3t")).build().verify(req);
    assertThat(Twitch.challenge(req, verified)).contains("pogchamp-kappa-360noscope-vohiyo");
  }
}
