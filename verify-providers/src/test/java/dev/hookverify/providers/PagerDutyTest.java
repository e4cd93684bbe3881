package dev.hookverify.providers;

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

/** PagerDuty: the derived vector, rotation lists and the signed {@code event.id}. */
class PagerDutyTest {
  // DERIVED, not official: shared/providers-next.md section 53.
  private static final String SECRET = "pd_secret";
  private static final String BODY =
      "{\"event\":{\"id\":\"01\",\"event_type\":\"incident.triggered\"}}";
  private static final String SIGNATURE =
      "v1=28f9b2802aff17e019cd564c18902294ce59bf3b5fc87425539ca01ae9f44b1b";

  private final WebhookVerifier verifier = PagerDuty.verifier(WebhookSecret.ofUtf8(SECRET));

  @Test
  void derivedVector_verifiesWithItsSignedEventId() throws Exception {
    VerifiedWebhook webhook =
        verifier.verify(request(Map.of(PagerDuty.SIGNATURE_HEADER, SIGNATURE), utf8(BODY)));
    assertThat(webhook.deliveryId()).contains("01");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThat(PagerDuty.sign(WebhookSecret.ofUtf8(SECRET), utf8(BODY)))
        .containsEntry(PagerDuty.SIGNATURE_HEADER, SIGNATURE);
  }

  @Test
  void rotation_anyV1Matches_otherVersionsIgnored() {
    String other =
        PagerDuty.sign(WebhookSecret.ofUtf8("old"), utf8(BODY)).get("X-PagerDuty-Signature");
    for (String header :
        new String[] {
          other + "," + SIGNATURE,
          SIGNATURE + "," + other,
          "v0=abcd," + SIGNATURE,
          SIGNATURE + ", v2=ff"
        }) {
      assertThat(
              reasonOf(verifier, request(Map.of(PagerDuty.SIGNATURE_HEADER, header), utf8(BODY))))
          .as(header)
          .isNull();
    }
    assertThat(reasonOf(verifier, request(Map.of(PagerDuty.SIGNATURE_HEADER, other), utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    WebhookVerifier both =
        PagerDuty.builder(
                KeyRing.builder()
                    .add("new", WebhookSecret.ofUtf8(SECRET))
                    .add("old", WebhookSecret.ofUtf8("old"))
                    .build())
            .build();
    assertThat(reasonOf(both, request(Map.of(PagerDuty.SIGNATURE_HEADER, other), utf8(BODY))))
        .isNull();
  }
}
