package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GoCardless: gocardless-pro-java's vector through the public API. The SDK
 * (com.gocardless:gocardless-pro) did not resolve from the registry, so it is no oracle here.
 */
class GoCardlessTest {
  // OFFICIAL: gocardless/gocardless-pro-java src/test/java/com/gocardless/WebhookTest.java,
  // 1b63ad6.
  private static final String SECRET = "ED7D658C-D8EB-4941-948B-3973214F2D49";
  private static final String BODY =
      "{\"events\":[{\"id\":\"EV00BD05S5VM2T\",\"created_at\":\"2018-07-05T09:13:51.404Z\","
          + "\"resource_type\":\"subscriptions\",\"action\":\"created\",\"links\":{\"subscription\":"
          + "\"SB0003JJQ2MR06\"},\"details\":{\"origin\":\"api\",\"cause\":\"subscription_created\",\"description\":\"Subscription"
          + " created via the API.\"},\"metadata\":{}},{\"id\":"
          + "\"EV00BD05TB8K63\",\"created_at\":\"2018-07-05T09:13:56.893Z\",\"resource_type\":"
          + "\"mandates\",\"action\":\"created\",\"links\":{\"mandate\":\"MD000AMA19XGEC\"},"
          + "\"details\":{\"origin\":\"api\",\"cause\":\"mandate_created\",\"description\":\"Mandate"
          + " created via the API.\"},\"metadata\":{}}]}";
  private static final String SIGNATURE =
      "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e";

  @Test
  void verify_officialSdkVectorAndItsNegative() throws Exception {
    assertThat(utf8(BODY)).hasSize(550);
    WebhookVerifier verifier = GoCardless.verifier(WebhookSecret.ofUtf8(SECRET));
    VerifiedWebhook webhook =
        verifier.verify(request(Map.of(GoCardless.SIGNATURE_HEADER, SIGNATURE), utf8(BODY)));
    assertThat(webhook.deliveryId()).isEmpty();
    assertThat(GoCardless.sign(WebhookSecret.ofUtf8(SECRET), utf8(BODY)))
        .containsEntry(GoCardless.SIGNATURE_HEADER, SIGNATURE);
    // The SDK test's negative: signature "dummy" is an InvalidSignatureException.
    assertThat(
            reasonOf(verifier, request(Map.of(GoCardless.SIGNATURE_HEADER, "dummy"), utf8(BODY))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(GoCardless.SIGNATURE_HEADER, SIGNATURE.replace('e', 'f')), utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
