package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checkout.com: no official vector exists; the catalog's DERIVED one is a regression fixture. */
class CheckoutComTest {
  private static final WebhookSecret KEY = WebhookSecret.ofUtf8("cko_signature_key");
  private static final byte[] BODY = utf8("{\"id\":\"evt_test\",\"type\":\"payment_captured\"}");
  // DERIVED, not official: computed from the documented algorithm with made-up inputs.
  private static final String SIGNATURE =
      "e09c94b66df51df0b3406b146227848094afb060c3944c2dc8628391525b82e6";

  @Test
  void verify_derivedVector_andTheSignedEventId() throws Exception {
    assertThat(CheckoutCom.sign(KEY, BODY)).containsEntry(CheckoutCom.SIGNATURE_HEADER, SIGNATURE);
    VerifiedWebhook webhook =
        CheckoutCom.verifier(KEY)
            .verify(request(Map.of(CheckoutCom.SIGNATURE_HEADER, SIGNATURE), BODY));
    assertThat(webhook.deliveryId()).contains("evt_test");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }

  @Test
  void verify_withAuthorizationKey_requiresBothAndTheSignatureDecides() throws Exception {
    WebhookVerifier both =
        CheckoutCom.builder(KeyRing.of(KEY), KeyRing.of(WebhookSecret.ofUtf8("auth-key-1")))
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CheckoutCom.SIGNATURE_HEADER, SIGNATURE);
    headers.put(CheckoutCom.AUTHORIZATION_HEADER, "auth-key-1");
    VerifiedWebhook webhook = both.verify(request(headers, BODY));
    assertThat(webhook.proof()).isEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(webhook.isDeliveryIdSigned()).isTrue();

    Map<String, String> wrongToken = new LinkedHashMap<>(headers);
    wrongToken.put(CheckoutCom.AUTHORIZATION_HEADER, "auth-key-2");
    assertThat(reasonOf(both, request(wrongToken, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);

    Map<String, String> noToken = new LinkedHashMap<>(headers);
    noToken.remove(CheckoutCom.AUTHORIZATION_HEADER);
    assertThat(reasonOf(both, request(noToken, BODY))).isEqualTo(Reason.MISSING_SIGNATURE);

    // The token never stands in for the signature.
    Map<String, String> tokenOnly = new LinkedHashMap<>(headers);
    tokenOnly.remove(CheckoutCom.SIGNATURE_HEADER);
    assertThat(reasonOf(both, request(tokenOnly, BODY))).isEqualTo(Reason.MISSING_SIGNATURE);
    Map<String, String> badSignature = new LinkedHashMap<>(headers);
    badSignature.put(CheckoutCom.SIGNATURE_HEADER, SIGNATURE.replace('e', 'f'));
    assertThat(reasonOf(both, request(badSignature, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
