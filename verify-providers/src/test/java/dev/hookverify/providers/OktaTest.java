package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import org.junit.jupiter.api.Test;

/**
 * Okta Event Hooks: the configured header compared whole, and the one-time verification answered
 * only after it checks out (genuine, forged, malformed).
 */
class OktaTest {
  private static final String SECRET = "Basic b2t0YTpzM2NyM3Q=";
  private final WebhookVerifier verifier =
      Okta.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).build();

  private static WebhookRequest.Builder challenge(String value) {
    return WebhookRequest.builder().method("GET").header(Okta.CHALLENGE_HEADER, value);
  }

  @Test
  void verification_genuine_echoesTheChallengeAsJson() throws Exception {
    String response =
        Okta.verificationResponse(
                verifier, challenge("8T3zAbC-_.~x").header("Authorization", SECRET).build())
            .orElseThrow();
    assertThat(response).isEqualTo("{\"verification\":\"8T3zAbC-_.~x\"}");
    // Quotes and backslashes are visible ASCII: escaped, so the answer parses back to them.
    String tricky = "a\"b\\c</script>";
    String answer =
        Okta.verificationResponse(
                verifier, challenge(tricky).header("Authorization", SECRET).build())
            .orElseThrow();
    assertThat(new ObjectMapper().readTree(answer).get("verification").asText()).isEqualTo(tricky);
  }

  @Test
  void verification_forgedOrMissingSecret_neverAnswered() {
    assertThatThrownBy(
            () ->
                Okta.verificationResponse(
                    verifier, challenge("abc").header("Authorization", "Basic wrong").build()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThatThrownBy(() -> Okta.verificationResponse(verifier, challenge("abc").build()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThatThrownBy(
            () ->
                Okta.verificationResponse(
                    verifier,
                    challenge("abc")
                        .header("Authorization", SECRET)
                        .header("Authorization", SECRET)
                        .build()))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void verification_malformedChallenge_notAnswered() throws Exception {
    for (String bad :
        new String[] {
          "", "a b", "tab\there", "caf\u00e9", "x".repeat(Okta.MAX_CHALLENGE_LENGTH + 1)
        }) {
      assertThat(
              Okta.verificationResponse(
                  verifier, challenge(bad).header("Authorization", SECRET).build()))
          .as(bad)
          .isEmpty();
    }
    assertThat(
            Okta.verificationResponse(
                verifier,
                challenge("a")
                    .header(Okta.CHALLENGE_HEADER, "b")
                    .header("Authorization", SECRET)
                    .build()))
        .isEmpty();
    assertThat(
            Okta.verificationResponse(
                verifier, challenge("abc").method("POST").header("Authorization", SECRET).build()))
        .isEmpty();
  }

  @Test
  void delivery_tokenProof_unsignedEventId_customHeader() throws Exception {
    byte[] body = utf8("{\"eventType\":\"com.okta.event_hook\",\"eventId\":\"ev1\",\"data\":{}}");
    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder().header("Authorization", SECRET).body(body).build());
    assertThat(webhook.proof()).isEqualTo(Proof.SHARED_TOKEN);
    assertThat(webhook.deliveryId()).contains("ev1");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();
    WebhookVerifier custom =
        Okta.builder("X-Hook-Secret", KeyRing.of(WebhookSecret.ofUtf8("s3cr3t"))).build();
    assertThat(
            custom
                .verify(
                    WebhookRequest.builder().header("x-hook-secret", "s3cr3t").body(body).build())
                .proof())
        .isEqualTo(Proof.SHARED_TOKEN);
  }
}
