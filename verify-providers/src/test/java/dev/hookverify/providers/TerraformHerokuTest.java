package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HCP Terraform (HMAC-SHA512, hex) and Heroku (HMAC-SHA256, base64): body MACs. */
class TerraformHerokuTest {
  private static Reason verify(String name, String secret, String header, String sig, String body) {
    return reasonOf(
        Providers.byName(name).verifier(List.of(secret)).build(),
        request(Map.of(header, sig), utf8(body)));
  }

  /**
   * DERIVED, not official: HMAC-SHA512 of the body keyed by the notification token, lowercase hex
   * (HashiCorp's "notification authenticity"; many receivers agree); a regression fixture only.
   */
  @Test
  void terraform_derivedVector_accepted() {
    String body = "{\"payload_version\":1,\"notification_configuration_id\":\"nc-1\"}";
    String sig =
        "48c4d46d42bc417eee1e6107b70f7ae66b4e6e1b30b81776e5242fb4860363e4"
            + "eec4023ef11a9329bf0555f208efadd9496bf54222840b28fa9c9e2e2452b417";
    assertThat(verify("terraform", "tfe_token", "X-TFE-Notification-Signature", sig, body))
        .isNull();
    assertThat(verify("terraform", "tfe_token", "X-TFE-Notification-Signature", sig, body + " "))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A SHA-256-length tag is not a truncated SHA-512 one.
    assertThat(
            verify(
                "terraform",
                "tfe_token",
                "X-TFE-Notification-Signature",
                sig.substring(0, 64),
                body))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  /**
   * DERIVED, not official: HMAC-SHA256 of the body with the webhook secret, base64
   * (devcenter.heroku.com add-on and app webhooks pages); a regression fixture only.
   */
  @Test
  void heroku_derivedVector_accepted() {
    String body = "{\"id\":\"01\",\"action\":\"update\"}";
    String sig = "4AHsjk3mm4uUNTdRnHkS083OYyrLDDHd/M08PP2XupE=";
    assertThat(verify("heroku", "heroku_secret", "Heroku-Webhook-Hmac-SHA256", sig, body)).isNull();
    assertThat(verify("heroku", "heroku_secret", "Heroku-Webhook-Hmac-SHA256", sig, body + "\n"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
