package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RingCentral's verification token and validation handshake (no vector: nothing is signed). */
class RingCentralTest {
  private static final String TOKEN = "rc-verification-token-1";
  private static final byte[] NOTIFICATION =
      utf8(
          "{\"uuid\":\"5f0b1c6e-0000-4000-8000-000000000001\",\"event\":\"/restapi/v1.0/account/~/"
              + "extension/~/message-store\",\"subscriptionId\":\"sub-1\",\"body\":{}}");

  private final WebhookVerifier verifier =
      Providers.byName("ringcentral").verifier(List.of(TOKEN)).build();

  @Test
  void verify_genuineToken_isASharedTokenWithTheUnsignedUuid() throws Exception {
    VerifiedWebhook webhook =
        verifier.verify(request(Map.of("Verification-Token", TOKEN), NOTIFICATION));
    assertThat(webhook.proof()).isEqualTo(Proof.SHARED_TOKEN);
    assertThat(webhook.deliveryId()).contains("5f0b1c6e-0000-4000-8000-000000000001");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();
  }

  @Test
  void verify_forgedOrMissingToken_isRejectedWithoutEchoingIt() {
    assertThat(reasonOf(verifier, request(Map.of("Verification-Token", "guess"), NOTIFICATION)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(Map.of(), NOTIFICATION)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThatThrownBy(
            () -> verifier.verify(request(Map.of("Verification-Token", "guess-1"), NOTIFICATION)))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("guess-1").doesNotContain(TOKEN));
  }

  @Test
  void validationToken_genuineHandshake_isEchoed() throws Exception {
    WebhookRequest validation =
        request(Map.of("Validation-Token", "d7c1e4f2-8a1b-4b3c-9d0e-1f2a3b4c5d6e"), new byte[0]);
    assertThat(RingCentral.validationToken(verifier, validation))
        .contains("d7c1e4f2-8a1b-4b3c-9d0e-1f2a3b4c5d6e");
    // Carrying the right verification token as well: verified, then echoed.
    WebhookRequest withToken =
        request(Map.of("Validation-Token", "v-1", "Verification-Token", TOKEN), new byte[0]);
    assertThat(RingCentral.validationToken(verifier, withToken)).contains("v-1");
  }

  @Test
  void validationToken_forgedVerificationToken_isRefusedNotAnswered() {
    WebhookRequest forged =
        request(Map.of("Validation-Token", "v-1", "Verification-Token", "guess"), new byte[0]);
    assertThatThrownBy(() -> RingCentral.validationToken(verifier, forged))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void validationToken_malformedRepeatedOrAbsent_isNoHandshake() throws Exception {
    for (String bad : List.of("", "has space", "tab\there", "caf\u00e9", "x".repeat(257))) {
      assertThat(
              RingCentral.validationToken(
                  verifier, request(Map.of("Validation-Token", bad), new byte[0])))
          .as(bad)
          .isEqualTo(Optional.empty());
    }
    WebhookRequest twice =
        WebhookRequest.builder()
            .header("Validation-Token", "a")
            .header("Validation-Token", "b")
            .build();
    assertThat(RingCentral.validationToken(verifier, twice)).isEmpty();
    assertThat(
            RingCentral.validationToken(
                verifier, request(Map.of("Verification-Token", TOKEN), NOTIFICATION)))
        .isEmpty();
  }
}
