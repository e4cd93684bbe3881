package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
  @Test
  void headers_caseInsensitiveMultiValuedAndFallingBackToTheLookup() {
    Map<String, List<String>> container = Map.of("x-from-container", List.of("c1", "c2"));
    WebhookRequest.Builder builder =
        WebhookRequest.builder()
            .header("X-Added", "a1")
            .header("x-added", "a2")
            .headers(name -> container.get(name.toLowerCase(java.util.Locale.ROOT)));
    WebhookRequest request = builder.build();
    builder.header("X-Added", "after build");

    assertThat(request.headers("x-ADDED")).containsExactly("a1", "a2");
    assertThat(request.headers("X-From-Container")).containsExactly("c1", "c2");
    assertThat(request.headers("absent")).isEmpty();
  }

  @Test
  void readBody_stopsOneBytePastTheLimit() throws Exception {
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
    assertThatThrownBy(() -> WebhookRequest.readBody(new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
  }

  @Test
  void toString_redactsCredentialsQueryAndBody() {
    WebhookRequest request =
        WebhookRequest.builder()
            .method("POST")
            .uri("https://example.com/hook?token=s3cr3t-query")
            .header("Authorization", "Bearer s3cr3t-token")
            .header("Stripe-Signature", "t=1,v1=deadbeef")
            .header("X-Api-Key", "s3cr3t-key")
            .header("Content-Type", "application/json")
            .body("{\"card\":\"4242\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .build();
    assertThat(request.toString())
        .contains("POST https://example.com/hook?<query redacted>", "application/json", "15 bytes")
        .doesNotContain("s3cr3t")
        .doesNotContain("deadbeef")
        .doesNotContain("4242");
  }
}
