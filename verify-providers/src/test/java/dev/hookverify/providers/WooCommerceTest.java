package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WooCommerce: the body MAC, the unsigned delivery id, and the unsigned creation ping. */
class WooCommerceTest {
  private static final String BODY = "{\"id\":1,\"status\":\"processing\"}";
  private static final String SIG = "++Jw1wUtYSXvb1ix5u0pT2kp42ZzKg/Zg4OLa+7KbOQ=";
  private static final WebhookVerifier VERIFIER =
      Providers.byName("woocommerce").verifier(List.of("woo_secret")).build();

  /** DERIVED, not official: HMAC-SHA256 of the body, base64; a regression fixture only. */
  @Test
  void verify_derivedVector_accepted() {
    assertThat(reasonOf(VERIFIER, request(Map.of("X-WC-Webhook-Signature", SIG), utf8(BODY))))
        .isNull();
    assertThat(WooCommerce.sign(WebhookSecret.ofUtf8("woo_secret"), utf8(BODY)))
        .containsEntry("X-WC-Webhook-Signature", SIG);
  }

  private static WebhookRequest ping(String body, Map<String, String> headers) {
    WebhookRequest.Builder b =
        WebhookRequest.builder()
            .method("POST")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(utf8(body));
    headers.forEach(b::header);
    return b.build();
  }

  @Test
  void ping_genuineShape_recognisedButNeverVerified() {
    WebhookRequest genuine = ping("webhook_id=42", Map.of());
    assertThat(WooCommerce.ping(genuine)).contains("42");
    // Unsigned: the verifier never accepts it; the helper only lets the receiver answer 200.
    assertThat(reasonOf(VERIFIER, genuine)).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void ping_withASignatureHeader_isADeliveryToVerify() {
    WebhookRequest forged = ping("webhook_id=42", Map.of("X-WC-Webhook-Signature", SIG));
    assertThat(WooCommerce.ping(forged)).isEmpty();
    assertThat(reasonOf(VERIFIER, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void ping_malformed_notRecognised() {
    for (String body :
        List.of(
            "",
            "webhook_id=",
            "webhook_id=042",
            "webhook_id=4a",
            "webhook_id=42&x=1",
            "webhook_id=42\n",
            "webhook_id=" + "9".repeat(20),
            "{\"webhook_id\":42}",
            "Webhook_id=42")) {
      assertThat(WooCommerce.ping(ping(body, Map.of()))).as(body).isEmpty();
    }
    assertThat(
            WooCommerce.ping(
                WebhookRequest.builder().method("GET").body(utf8("webhook_id=42")).build()))
        .isEmpty();
  }

  /**
   * Attack: an unauthenticated ping whose id is 19 digits above {@code Long.MAX_VALUE} was
   * recognised, so a receiver reading the id as the promised 64-bit number ({@code Long.parseLong})
   * threw on it. The id must fit a Java {@code long}.
   */
  @Test
  void ping_idBeyondALong_notRecognised() {
    String max = Long.toString(Long.MAX_VALUE);
    assertThat(WooCommerce.ping(ping("webhook_id=" + max, Map.of()))).contains(max);
    for (String id : List.of("9223372036854775808", "9300000000000000000", "9".repeat(19))) {
      assertThat(WooCommerce.ping(ping("webhook_id=" + id, Map.of()))).as(id).isEmpty();
    }
    assertThat(WooCommerce.ping(ping("webhook_id=1000000000000000000", Map.of())))
        .contains("1000000000000000000");
  }
}
