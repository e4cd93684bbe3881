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
  void builder_handsItsHeadersToTheRequestAndCopiesThemWhenUsedAgain() {
    WebhookRequest.Builder builder =
        WebhookRequest.builder().header("X-One", "1").header("X-Two", "a").header("x-two", "b");
    assertThat(builder.hasHeader("x-ONE")).isTrue();
    assertThat(builder.hasHeader("X-Three")).isFalse();
    WebhookRequest first = builder.build();
    builder.header("X-Two", "c").header("X-Three", "3");
    WebhookRequest second = builder.build();
    builder.header("x-one", "later");

    assertThat(first.headers("X-Two")).containsExactly("a", "b");
    assertThat(first.headers("X-Three")).isEmpty();
    assertThat(second.headers("X-Two")).containsExactly("a", "b", "c");
    assertThat(second.headers("X-One")).containsExactly("1");
    assertThat(builder.build().headers("X-One")).containsExactly("1", "later");
    assertThatThrownBy(() -> first.headers("X-Two").add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.headers("X-One").add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readBody_declaredLength_readsExactlyThatAndRefusesOneOverTheLimitUnread() throws Exception {
    byte[] ten = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten), 10, 10)).isEqualTo(ten);
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(new byte[0]), 0, 10)).isEmpty();
    // The peer stopped early: what arrived.
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten, 0, 4), 10, 10))
        .isEqualTo(java.util.Arrays.copyOf(ten, 4));
    // Unknown length: read to the end, within the limit.
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten), -1, 10)).isEqualTo(ten);

    ByteArrayInputStream unread = new ByteArrayInputStream(ten);
    assertThatThrownBy(() -> WebhookRequest.readBody(unread, 11, 10))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    assertThat(unread.available()).isEqualTo(10);
  }

  @Test
  void readBody_streamGoesOnPastTheDeclaredLength_readsTheWholeStreamWithinTheLimit()
      throws Exception {
    byte[] ten = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // A stack that inflates a compressed body delivers more than Content-Length said.
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten), 3, 10)).isEqualTo(ten);
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten), 9, 10)).isEqualTo(ten);
    assertThat(WebhookRequest.readBody(new ByteArrayInputStream(ten), 0, 10)).isEqualTo(ten);
    for (int declared : new int[] {0, 3, 9, 10}) {
      assertThatThrownBy(
              () -> WebhookRequest.readBody(new ByteArrayInputStream(new byte[11]), declared, 10))
          .as("declared %d", declared)
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    }
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
