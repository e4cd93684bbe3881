package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import org.junit.jupiter.api.Test;

/**
 * HubSpot v1 and v2: the official docs and SDK vectors, only when legacy signatures are enabled.
 */
class HubSpotLegacyTest {
  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

  private static WebhookRequest request(
      String method, String version, String signature, String body) {
    return WebhookRequest.builder()
        .method(method)
        .uri("https://www.example.com/webhook_uri")
        .header("X-HubSpot-Signature-Version", version)
        .header("X-HubSpot-Signature", signature)
        .body(utf8(body))
        .build();
  }

  @Test
  void officialV1AndV2Vectors_acceptedOnlyWhenEnabled() throws Exception {
    WebhookVerifier legacy =
        HubSpot.builderAcceptingForgeableLegacySignatures(
                KeyRing.of(WebhookSecret.ofUtf8(SECRET)), SECRET)
            .build();
    WebhookRequest v2Get =
        request(
            "GET", "v2", "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e", "");
    WebhookRequest v2Post =
        request(
            "POST",
            "v2",
            "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900",
            "{\"example_field\":\"example_value\"}");
    WebhookRequest v1 =
        request(
            "POST",
            "v1",
            "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
            "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
                + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
                + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]");
    assertThat(legacy.verify(v2Get).keyId()).isEqualTo("client-secret-v2");
    legacy.verify(v2Post);
    assertThat(legacy.verify(v1).keyId()).isEqualTo("client-secret-v1");

    WebhookVerifier v3Only = HubSpot.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).build();
    assertThat(reasonOf(v3Only, v2Post)).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(
            reasonOf(
                legacy,
                request(
                    "POST",
                    "v2",
                    "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900",
                    "{}")))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(legacy, request("POST", "v9", "00", "{}")))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(legacy, request("POST", "v1", "not-hex", "{}")))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(legacy.toString()).doesNotContain(SECRET);
  }
}
