package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Xero: the derived vector and the Intent to Receive answer (200 signed, 401 otherwise). */
class XeroTest {
  // DERIVED, not official: shared/providers-next.md section 55, on the body of Xero's docs.
  private static final String KEY = "xero_webhook_key";
  private static final String INTENT =
      "{ \"events\" : [], \"lastEventSequence\" : 0 , \"firstEventSequence\" : 0 ,"
          + " \"entropy\" : \"S0m3r4Nd0mt3xt\" }";
  private static final String SIGNATURE = "DJwHKX8yymz1SaekIAQakginkJ8bnF9lqnbLHFQ8skU=";

  private final WebhookVerifier verifier = Xero.verifier(WebhookSecret.ofUtf8(KEY));

  @Test
  void derivedVector_signerAgrees() {
    assertThat(Xero.sign(WebhookSecret.ofUtf8(KEY), utf8(INTENT)))
        .containsEntry(Xero.SIGNATURE_HEADER, SIGNATURE);
  }

  @Test
  void intentToReceive_correctlySigned200_everythingElse401() {
    assertThat(
            Xero.intentToReceiveStatus(
                verifier, request(Map.of(Xero.SIGNATURE_HEADER, SIGNATURE), utf8(INTENT))))
        .isEqualTo(200);
    // Xero's deliberately wrong signature: a valid tag under another key.
    String wrong =
        Xero.sign(WebhookSecret.ofUtf8("not-the-key"), utf8(INTENT)).get(Xero.SIGNATURE_HEADER);
    assertThat(
            Xero.intentToReceiveStatus(
                verifier, request(Map.of(Xero.SIGNATURE_HEADER, wrong), utf8(INTENT))))
        .isEqualTo(401);
    assertThat(Xero.intentToReceiveStatus(verifier, request(Map.of(), utf8(INTENT))))
        .isEqualTo(401);
    assertThat(
            Xero.intentToReceiveStatus(
                verifier, request(Map.of(Xero.SIGNATURE_HEADER, "garbage!!"), utf8(INTENT))))
        .isEqualTo(401);
    assertThat(
            Xero.intentToReceiveStatus(
                verifier,
                request(Map.of(Xero.SIGNATURE_HEADER, SIGNATURE), utf8(INTENT.replace('0', '1')))))
        .isEqualTo(401);
    WebhookVerifier small =
        Xero.builder(dev.hookverify.KeyRing.of(WebhookSecret.ofUtf8(KEY))).maxBodyBytes(10).build();
    assertThat(
            Xero.intentToReceiveStatus(
                small, request(Map.of(Xero.SIGNATURE_HEADER, SIGNATURE), utf8(INTENT))))
        .isEqualTo(401);
  }
}
