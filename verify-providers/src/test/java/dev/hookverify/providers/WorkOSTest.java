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

/** WorkOS: the derived vector, items read by name, milliseconds on the 3-minute boundary. */
class WorkOSTest {
  // DERIVED, not official: shared/providers-next.md section 43.
  private static final String SECRET = "workos_secret";
  private static final long T = 1_700_000_000_000L;
  private static final String BODY = "{\"id\":\"event_01\",\"event\":\"user.created\"}";
  private static final String HEX =
      "b365c3a0729832cad8e58aa39506ae29188a211ca1c9469bb78b79847de10d2c";
  private static final String HEADER = "t=" + T + ", v1=" + HEX;

  private static WebhookVerifier verifier(long nowMillis) {
    return WorkOS.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
        .clock(
            java.time.Clock.fixed(
                java.time.Instant.ofEpochMilli(nowMillis), java.time.ZoneOffset.UTC))
        .build();
  }

  @Test
  void derivedVector_verifiesWithItsSignedEventId() throws Exception {
    VerifiedWebhook webhook =
        verifier(T).verify(request(Map.of(WorkOS.SIGNATURE_HEADER, HEADER), utf8(BODY)));
    assertThat(webhook.deliveryId()).contains("event_01");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThat(webhook.timestamp()).contains(java.time.Instant.ofEpochMilli(T));
    assertThat(WorkOS.sign(WebhookSecret.ofUtf8(SECRET), T, utf8(BODY)))
        .containsEntry(WorkOS.SIGNATURE_HEADER, HEADER);
  }

  @Test
  void items_readByNameNotPosition() {
    for (String header :
        new String[] {
          "v1=" + HEX + ", t=" + T, "t=" + T + ",v1=" + HEX, " t=" + T + " ,  v1=" + HEX
        }) {
      assertThat(
              reasonOf(verifier(T), request(Map.of(WorkOS.SIGNATURE_HEADER, header), utf8(BODY))))
          .as(header)
          .isNull();
    }
    assertThat(
            reasonOf(
                verifier(T), request(Map.of(WorkOS.SIGNATURE_HEADER, "v1=" + HEX), utf8(BODY))))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void tolerance_threeMinutesInMilliseconds_onTheBoundary() {
    Map<String, String> headers = Map.of(WorkOS.SIGNATURE_HEADER, HEADER);
    assertThat(reasonOf(verifier(T + 180_000), request(headers, utf8(BODY)))).isNull();
    assertThat(reasonOf(verifier(T + 180_001), request(headers, utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier(T - 180_000), request(headers, utf8(BODY)))).isNull();
    assertThat(reasonOf(verifier(T - 180_001), request(headers, utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // Seconds where milliseconds are expected: a timestamp in 1970, far too old.
    Map<String, String> seconds = WorkOS.sign(WebhookSecret.ofUtf8(SECRET), T / 1000, utf8(BODY));
    assertThat(reasonOf(verifier(T), request(seconds, utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }
}
