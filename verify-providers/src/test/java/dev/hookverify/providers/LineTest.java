package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LINE's vectors through the public API. */
class LineTest {
  /** OFFICIAL: line-bot-sdk-java LineSignatureValidatorTest (1bcdf6b). */
  @Test
  void verify_officialSdkVector_isAccepted() throws Exception {
    WebhookVerifier verifier = Line.verifier(WebhookSecret.ofUtf8("SECRET"));
    VerifiedWebhook webhook =
        verifier.verify(
            request(
                Map.of("X-Line-Signature", "3q8QXTAGaey18yL8FWTqdVlbMr6hcuNvM4tefa0o9nA="),
                utf8("{}")));
    assertThat(webhook.proof()).isEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(webhook.deliveryId()).isEmpty();
    // The same test's negative: "596359635963" is not the signature (and not 32 bytes of base64).
    assertThat(reasonOf(verifier, request(Map.of("X-Line-Signature", "596359635963"), utf8("{}"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  /** DERIVED, not official: providers-next.md section 56. */
  @Test
  void verify_derivedVector_isAcceptedThroughTheRegistry() {
    WebhookVerifier verifier =
        Providers.byName("line").verifier(List.of("line_channel_secret")).build();
    byte[] body = utf8("{\"destination\":\"U1\",\"events\":[]}");
    Map<String, String> headers =
        Map.of("X-Line-Signature", "0HMwE6ZqSUBM9oqkKI4LwCd5WC5laJNX7AD8NOiVzTE=");
    assertThat(reasonOf(verifier, request(headers, body))).isNull();
    body[body.length - 2] = ' ';
    assertThat(reasonOf(verifier, request(headers, body))).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
