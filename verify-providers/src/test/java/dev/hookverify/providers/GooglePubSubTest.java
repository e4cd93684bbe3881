package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Google Pub/Sub push: the official Google ID token, and what the token does and does not cover.
 */
class GooglePubSubTest {
  // OFFICIAL (SDK test): googleapis/google-auth-library-java TokenVerifierTest.java
  // (FEDERATED_SIGNON_RS256_TOKEN) with oauth2_http/testresources/federated_keys.json, commit
  // 293240e; sha256 of the key file as the catalog records it.
  private static final String KEYS_SHA256 =
      "f44e5d2aa6a596d090b6396a9c21a695186a1e4f723518dea6e19df0d6e93a8f";
  private static final String TOKEN_SHA256 =
      "25aad515d2b819b30eee8c1d4e9947428cdb9298c8ec93421598aecf35368a76";
  private static final String AUDIENCE = "https://example.com/path";
  private static final String EMAIL = "integration-tests@chingor-test.iam.gserviceaccount.com";
  private static final long IAT = 1587626288L;
  private static final long EXP = 1587629888L;
  private static final String URL = "https://receiver.example/push?token=a";
  private static final long NOW = 1_800_000_000L;
  private static final byte[] BODY =
      utf8(
          "{\"message\":{\"data\":\"aGk=\",\"messageId\":\"136969346945\",\"publishTime\":"
              + "\"2026-01-01T00:00:00Z\"},\"subscription\":\"projects/p/subscriptions/s\"}");

  private static String officialKeys() {
    return new String(JwsVectors.read("federated_keys.json", KEYS_SHA256), StandardCharsets.UTF_8);
  }

  private static String officialToken() {
    return new String(
            JwsVectors.read("federated_signon_rs256_token.txt", TOKEN_SHA256),
            StandardCharsets.UTF_8)
        .strip();
  }

  @Test
  void officialToken_validInsideItsLifetime_expiredAfter_andBoundToAudienceAndAccount() {
    String keys = officialKeys();
    Map<String, String> headers = Map.of("Authorization", "Bearer " + officialToken());
    for (long now : new long[] {IAT, IAT + 1800, EXP - 1, EXP + 299}) {
      assertThat(reasonOf(verifier(keys, AUDIENCE, EMAIL, now), request(headers, BODY)))
          .as("at " + now)
          .isNull();
    }
    // 300 s of clock skew, as Google's own verifiers allow, then expired.
    assertThat(reasonOf(verifier(keys, AUDIENCE, EMAIL, EXP + 300), request(headers, BODY)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier(keys, AUDIENCE, EMAIL, IAT - 301), request(headers, BODY)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // The SDK test's negatives: another audience or issuer fails; here also another account.
    assertThat(reasonOf(verifier(keys, "expected audience", EMAIL, IAT), request(headers, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier(keys, AUDIENCE, "attacker@evil.iam.gserviceaccount.com", IAT),
                request(headers, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void officialToken_throughTheRegistry_audienceIsThePublicUrl() throws Exception {
    String keys = officialKeys();
    Map<String, String> headers = Map.of("Authorization", "Bearer " + officialToken());
    WebhookVerifier verifier =
        Providers.byName("google-pubsub")
            .verifier(
                List.of(EMAIL + " " + keys), ProviderOptions.builder().publicUrl(AUDIENCE).build())
            .clock(at(IAT))
            .build();
    VerifiedWebhook webhook = verifier.verify(request(headers, BODY));
    assertThat(webhook.jws().orElseThrow().booleanClaim("email_verified")).contains(true);
    assertThat(webhook.deliveryId()).contains("136969346945");
    assertThat(webhook.isDeliveryIdSigned()).isFalse(); // the token does not cover the body
    // Without a public URL, the audience is the URL the request was received at.
    WebhookVerifier byRequestUrl =
        Providers.byName("google-pubsub")
            .verifier(List.of(EMAIL + " " + keys))
            .clock(at(IAT))
            .build();
    assertThat(reasonOf(byRequestUrl, request(AUDIENCE, headers, BODY))).isNull();
    assertThat(reasonOf(byRequestUrl, request(AUDIENCE + "x", headers, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void kitToken_bodyIsNotCovered_soOneTokenIsOneDeliveryWhateverTheBody() throws Exception {
    Provider provider = Providers.byName("google-pubsub");
    TestKeys keys = provider.sender().newTestKeys();
    Map<String, String> headers =
        provider
            .sender()
            .sign(
                keys.signingKey(),
                OutgoingWebhook.builder(BODY).timestamp(NOW).id("m-1").url(URL).build())
            .headers();
    WebhookVerifier verifier =
        provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
    VerifiedWebhook genuine = verifier.verify(request(URL, headers, BODY));
    assertThat(genuine.proof().signsContent()).isTrue();
    byte[] other = utf8("{\"message\":{\"messageId\":\"999\"}}");
    VerifiedWebhook replayed = verifier.verify(request(URL, headers, other));
    assertThat(replayed.deliveryKey()).isEqualTo(genuine.deliveryKey());

    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(100)).build();
    idempotent.claim(request(URL, headers, BODY)).complete();
    assertThatThrownBy(() -> idempotent.claim(request(URL, headers, other)))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.DUPLICATE_DELIVERY);

    // Tampers: another key, no header, a garbled one.
    WebhookVerifier otherKey =
        provider
            .verifier(List.of(provider.sender().newTestKeys().verificationKey()))
            .clock(at(NOW))
            .build();
    assertThat(reasonOf(otherKey, request(URL, headers, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(URL, Map.of(), BODY)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(verifier, request(URL, Map.of("Authorization", "garbage!!"), BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(URL, Map.of("Authorization", "Bearer garbage!!"), BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  private static WebhookVerifier verifier(String keys, String audience, String email, long now) {
    return GooglePubSub.builder(keys, audience, email).clock(at(now)).build();
  }
}
