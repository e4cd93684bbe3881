package dev.hookverify.providers;

import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Test helpers: requests from header maps, outcomes as reasons, fixed clocks. */
final class Requests {
  private Requests() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static WebhookRequest request(String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().uri(uri).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  static WebhookRequest request(Map<String, String> headers, byte[] body) {
    return request("https://receiver.example/hooks", headers, body);
  }

  /** The reason {@code verifier} rejects {@code request} for, or null when it accepts. */
  static Reason reasonOf(WebhookVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  static Clock at(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }
}
