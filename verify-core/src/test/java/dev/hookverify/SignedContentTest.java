package dev.hookverify;

import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignedContentTest {
  @Test
  void hmac_signsTheSamePartsTheVerifierChecks() {
    SignedContent content =
        SignedContent.builder()
            .header("webhook-id")
            .literal(".")
            .timestamp()
            .literal(".")
            .method()
            .uri()
            .body()
            .build();
    byte[] body = utf8("{\"a\":\"\u00e9\"}");
    WebhookRequest request =
        WebhookRequest.builder()
            .method("PUT")
            .uri("https://h/p?q=\u00fc")
            .header("webhook-id", "msg_1")
            .body(body)
            .build();
    byte[] key = utf8("k");
    assertThat(content.hmac(HmacAlgorithm.SHA512, WebhookSecret.ofBytes(key), request, "1700"))
        .isEqualTo(
            hmac(HmacAlgorithm.SHA512, key, utf8("msg_1.1700.PUThttps://h/p?q=\u00fc"), body));
  }

  @Test
  void hmac_missingSignedHeader_refused() {
    SignedContent content = SignedContent.builder().header("webhook-id").body().build();
    assertThatThrownBy(
            () ->
                content.hmac(
                    HmacAlgorithm.SHA256,
                    WebhookSecret.ofUtf8("k"),
                    WebhookRequest.builder().build(),
                    ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
