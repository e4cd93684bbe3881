package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paystack: no official vector exists; the catalog's DERIVED one is a regression fixture. */
class PaystackTest {
  @Test
  void verify_derivedVector_hmacSha512Hex() throws Exception {
    WebhookSecret key = WebhookSecret.ofUtf8("sk_test_paystack");
    byte[] body = utf8("{\"event\":\"charge.success\",\"data\":{\"id\":302961}}");
    // DERIVED, not official: computed from the documented algorithm with made-up inputs.
    String signature =
        "25d6199dc0802ae6c719dae25e6e8c7485fb6d1ac159603916ce175d0f11a422"
            + "19f0c453bcd4c9b262c85ebcd81427f4231c993777d03c3697576b3777e3f74f";
    assertThat(Paystack.sign(key, body)).containsEntry(Paystack.SIGNATURE_HEADER, signature);
    WebhookVerifier verifier = Paystack.verifier(key);
    verifier.verify(request(Map.of(Paystack.SIGNATURE_HEADER, signature), body));
    // A SHA-256-length tag is not a SHA-512 signature, even a correct prefix of one.
    assertThat(
            reasonOf(
                verifier,
                request(Map.of(Paystack.SIGNATURE_HEADER, signature.substring(0, 64)), body)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }
}
