package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
  private static final String TOKEN = "mc_live_7f3c9e2b1d4f8a3c5e7b9d1f";

  private static WebhookVerifier bearer(KeyRing ring) {
    return WebhookVerifier.builder("bearer")
        .authenticator(TokenAuthenticator.bearer().keys(ring).build())
        .build();
  }

  private static Reason reasonOf(WebhookVerifier verifier, String header, String value) {
    WebhookRequest.Builder request = WebhookRequest.builder().body(new byte[] {1});
    if (value != null) {
      request.header(header, value);
    }
    try {
      verifier.verify(request.build());
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void verify_bearerToken_acceptsAnySchemeCaseAndReportsSharedTokenProof() throws Exception {
    WebhookVerifier verifier = bearer(KeyRing.of(WebhookSecret.ofUtf8(TOKEN)));
    for (String value : new String[] {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER  " + TOKEN}) {
      assertThat(reasonOf(verifier, "Authorization", value)).as(value).isNull();
    }
    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder().header("authorization", "Bearer " + TOKEN).build());
    assertThat(webhook.proof()).isEqualTo(Proof.SHARED_TOKEN);
    assertThat(webhook.proof().signsContent()).isFalse();
  }

  @Test
  void verify_wrongMissingOrOtherScheme_rejectsWithTheRightReason() {
    WebhookVerifier verifier = bearer(KeyRing.of(WebhookSecret.ofUtf8(TOKEN)));
    assertThat(reasonOf(verifier, "Authorization", null)).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(verifier, "Authorization", "Basic dXNlcjpwYXNz"))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(verifier, "Authorization", "Bearer " + TOKEN + "x"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, "Authorization", "Bearer " + TOKEN.substring(1)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, "Authorization", "Bearer " + TOKEN.substring(0, 1)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, "Authorization", "Bearer "))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, "Authorization", "Bearer " + "a".repeat(5000)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    WebhookRequest twice =
        WebhookRequest.builder()
            .header("Authorization", "Bearer " + TOKEN)
            .header("Authorization", "Bearer " + TOKEN)
            .build();
    try {
      verifier.verify(twice);
      throw new AssertionError("accepted a repeated Authorization header");
    } catch (WebhookVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_everyChangedTokenCharacter_rejects() {
    WebhookVerifier verifier = bearer(KeyRing.of(WebhookSecret.ofUtf8(TOKEN)));
    for (int i = 0; i < TOKEN.length(); i++) {
      String tampered =
          TOKEN.substring(0, i) + (char) (TOKEN.charAt(i) ^ 1) + TOKEN.substring(i + 1);
      assertThat(reasonOf(verifier, "Authorization", "Bearer " + tampered))
          .as("char %d", i)
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
  }

  @Test
  void verify_namedHeaderWithRotation_reportsMatchedKey() throws Exception {
    Instant now = Instant.now();
    WebhookVerifier verifier =
        WebhookVerifier.builder("vapi-like")
            .authenticator(
                TokenAuthenticator.header("x-vapi-secret")
                    .keys(
                        KeyRing.builder()
                            .add(
                                "old",
                                WebhookSecret.ofUtf8("old-token"),
                                Instant.MIN,
                                now.plus(Duration.ofDays(1)))
                            .add("new", WebhookSecret.ofUtf8("new-token"))
                            .build())
                    .build())
            .build();
    assertThat(
            verifier
                .verify(WebhookRequest.builder().header("X-Vapi-Secret", "old-token").build())
                .keyId())
        .isEqualTo("old");
    assertThat(
            verifier
                .verify(WebhookRequest.builder().header("X-Vapi-Secret", "new-token").build())
                .keyId())
        .isEqualTo("new");
    assertThat(reasonOf(verifier, "x-vapi-secret", "Bearer new-token"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
