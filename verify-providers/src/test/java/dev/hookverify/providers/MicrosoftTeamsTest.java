package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Microsoft Teams outgoing webhooks. No official vector exists (Microsoft publishes keys only). */
class MicrosoftTeamsTest {
  private static final String TOKEN = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";
  private static final byte[] BODY = utf8("{\"type\":\"message\",\"text\":\"hello\"}");

  /** DERIVED, not official: providers-next.md section 50, with the key of Microsoft's C# sample. */
  @Test
  void verify_derivedVector_isAcceptedWithTheDecodedKey() throws Exception {
    WebhookVerifier verifier = Providers.byName("microsoft-teams").verifier(List.of(TOKEN)).build();
    Map<String, String> headers =
        Map.of("Authorization", "HMAC u4mqRgrbVIFC3vtz7CZ6l6p1FlBrMrWdHGNjdU5ux2o=");
    VerifiedWebhook webhook = verifier.verify(request(headers, BODY));
    assertThat(webhook.keyId()).isEqualTo("key-1");
    // The token's text is not the key: a receiver that keyed the HMAC with it would reject.
    WebhookVerifier textKey =
        MicrosoftTeams.builder(KeyRing.of(WebhookSecret.ofUtf8(TOKEN))).build();
    assertThat(reasonOf(textKey, request(headers, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verifier_tokenThatIsNotBase64_isRefusedAtBuildWithoutEchoingIt() {
    for (String bad : List.of("not base64!", "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOm#M31zaA=", " ")) {
      assertThatThrownBy(() -> Providers.byName("microsoft-teams").verifier(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(bad.strip().isEmpty() ? "\u0000" : bad));
      assertThatThrownBy(() -> MicrosoftTeams.verifier(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void verify_otherAuthorizationSchemesOrWrongPrefix_areMalformedOrMissing() {
    WebhookVerifier verifier = MicrosoftTeams.verifier(TOKEN);
    assertThat(reasonOf(verifier, request(Map.of("Authorization", "Bearer abc"), BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of("Authorization", "hmac u4mqRgrbVIFC3vtz7CZ6l6p1FlBrMrWdHGNjdU5ux2o="),
                    BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(Map.of(), BODY))).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void deliveryId_isTheActivityIdInTheSignedBody() throws Exception {
    WebhookSecret key = MicrosoftTeams.secret(TOKEN);
    byte[] body = utf8("{\"type\":\"message\",\"id\":\"1485983408511\",\"text\":\"hi\"}");
    VerifiedWebhook webhook =
        MicrosoftTeams.verifier(TOKEN).verify(request(MicrosoftTeams.sign(key, body), body));
    assertThat(webhook.deliveryId()).contains("1485983408511");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }
}
