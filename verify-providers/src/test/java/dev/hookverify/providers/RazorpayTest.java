package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.razorpay.Utils;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Razorpay: razorpay-java's vectors through the public API, and razorpay-java as an oracle. */
class RazorpayTest {
  @Test
  void verify_officialSdkVectors() throws Exception {
    List<String> failures = new ArrayList<>();
    // OFFICIAL: razorpay/razorpay-java src/test/java/com/razorpay/UtilsTest.java
    // (verifyWebhookSignature), commit c249a83.
    expect(
        failures,
        "webhook",
        "123456",
        "{\"a\":1,\"b\":2,\"c\":{\"d\":3}}",
        "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc");
    // OFFICIAL, related, not a webhook: the same file's verifyPaymentSignature, the same HMAC over
    // the checkout callback's "order_id|payment_id".
    expect(
        failures,
        "payment signature",
        "EnLs21M47BllR3X8PSFtjtbd",
        "order_IEIaMR65cu6nz3|pay_IH4NVgf4Dreq1l",
        "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f");
    // DERIVED, not official: computed here from the documented algorithm (the catalog's fixture).
    expect(
        failures,
        "derived",
        "rzp_webhook_secret",
        "{\"event\":\"payment.captured\"}",
        "e06c9b7e33d38f47008efdf70c03b31a2120e249976ff6d004a4a00b52acae66");
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_eventIdIsTheUnsignedDeliveryId() throws Exception {
    WebhookSecret secret = WebhookSecret.ofUtf8("123456");
    byte[] body = utf8("{\"a\":1,\"b\":2,\"c\":{\"d\":3}}");
    VerifiedWebhook webhook =
        Razorpay.verifier(secret).verify(request(Razorpay.sign(secret, "evt_1", body), body));
    assertThat(webhook.deliveryId()).contains("evt_1");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();
    assertThat(
            reasonOf(
                Razorpay.verifier(secret),
                request(Map.of(Razorpay.SIGNATURE_HEADER, "dummy"), body)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  /** razorpay-java signs what we verify and verifies what we sign, over random inputs. */
  @Test
  void razorpayJava_signsWhatWeVerifyAndVerifiesWhatWeSign() throws Exception {
    // razorpay-java hashes the body with the platform charset (String.getBytes()).
    assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.UTF_8);
    RandomInputs random = new RandomInputs();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String secret = random.secret();
      String body = random.body(i);
      WebhookVerifier ours = Razorpay.verifier(WebhookSecret.ofUtf8(secret));
      String theirs = Utils.getHash(body, secret);
      if (reasonOf(ours, request(Map.of(Razorpay.SIGNATURE_HEADER, theirs), utf8(body))) != null) {
        failures.add("razorpay-java signed, we rejected, round " + i);
      }
      String mine =
          Razorpay.sign(WebhookSecret.ofUtf8(secret), "evt_" + i, utf8(body))
              .get(Razorpay.SIGNATURE_HEADER);
      if (!Utils.verifyWebhookSignature(body, mine, secret)) {
        failures.add("we signed, razorpay-java rejected, round " + i);
      }
      if (Utils.verifyWebhookSignature(body + " ", mine, secret)) {
        failures.add("razorpay-java accepted a tampered body, round " + i);
      }
    }
    assertThat(failures).as("seed " + RandomInputs.SEED).isEmpty();
  }

  private static void expect(
      List<String> failures, String what, String secret, String body, String signature) {
    Reason reason =
        reasonOf(
            Razorpay.verifier(WebhookSecret.ofUtf8(secret)),
            request(Map.of(Razorpay.SIGNATURE_HEADER, signature), utf8(body)));
    if (reason != null) {
      failures.add(what + ": " + reason);
    }
    String signed =
        Razorpay.sign(WebhookSecret.ofUtf8(secret), "evt", utf8(body))
            .get(Razorpay.SIGNATURE_HEADER);
    if (!signed.equals(signature)) {
      failures.add(what + ": signed " + signed);
    }
  }
}
