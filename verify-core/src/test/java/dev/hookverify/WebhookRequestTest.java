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

  @Test
  void toString_uriWithUserInfoQueryOrFragment_showsOnlySchemeHostAndPath() {
    Map<String, String> shown = new java.util.LinkedHashMap<>();
    shown.put(
        "https://hook:s3cr3t@example.com/hook", "https://<user-info redacted>@example.com/hook");
    shown.put("https://hook:s3cr3t@example.com", "https://<user-info redacted>@example.com");
    shown.put(
        "http://s3cr3t@example.com:8080/h?x=1",
        "http://<user-info redacted>@example.com:8080/h?<query redacted>");
    shown.put("https://u:p@ss-s3cr3t@example.com/h", "https://<user-info redacted>@example.com/h");
    shown.put("https://u:pa/s3cr3t@example.com/h", "https://<user-info redacted>@example.com/h");
    shown.put("https://u:pa\\s3cr3t@example.com/h", "https://<user-info redacted>@example.com/h");
    shown.put("//u:s3cr3t@example.com/h", "//<user-info redacted>@example.com/h");
    shown.put("u:s3cr3t@example.com/h", "<user-info redacted>@example.com/h");
    shown.put("https://example.com/h?token=s3cr3t", "https://example.com/h?<query redacted>");
    shown.put(
        "https://example.com/h?a=b#s3cr3t",
        "https://example.com/h?<query redacted>#<fragment redacted>");
    shown.put("https://example.com/h#s3cr3t", "https://example.com/h#<fragment redacted>");
    shown.put(
        "https://example.com/h?to=me@s3cr3t.example", "https://example.com/h?<query redacted>");
    shown.put("/hooks/acme?key=s3cr3t", "/hooks/acme?<query redacted>");
    shown.put("/hooks/@acme", "/hooks/@acme");
    shown.put("", "");
    shown.forEach(
        (uri, expected) ->
            assertThat(WebhookRequest.builder().uri(uri).build().toString())
                .as(uri)
                .isEqualTo("WebhookRequest{POST " + expected + ", headers=[], body=0 bytes}")
                .doesNotContain("s3cr3t"));
  }
}
