package dev.hookverify.providers.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProviderExamplesTest {
  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  @Test
  void readmeVerifiers_acceptTheirSendersDeliveries() throws Exception {
    String whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    List<WebhookVerifier> verifiers =
        ProviderExamples.verifiers("whsec_endpoint", whsec, "slack", "slack-secret");
    byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    verifiers.get(0).verify(signed("stripe", "whsec_endpoint", now, body));
    verifiers.get(1).verify(signed("svix", whsec, now, body));
    assertThat(
            verifiers.get(2).verify(signed("slack", "slack-secret", now - 9 * 60, body)).provider())
        .isEqualTo("slack");
  }

  @Test
  void receive_answersAGenuineDelivery204_andATamperedOne401() {
    byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    SignedDelivery delivery =
        Providers.byName("stripe")
            .sender()
            .sign(
                "whsec_endpoint",
                OutgoingWebhook.builder(body).timestamp(Instant.now().getEpochSecond()).build());
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    delivery.headers().forEach((name, value) -> headers.put(lowerCase(name), List.of(value)));

    assertThat(ProviderExamples.receive("whsec_endpoint", "POST", "/", headers, delivery.body()))
        .isEqualTo(204);
    byte[] tampered = delivery.body().clone();
    tampered[2] ^= 1;
    assertThat(ProviderExamples.receive("whsec_endpoint", "POST", "/", headers, tampered))
        .isEqualTo(401);
    assertThat(ProviderExamples.receive("whsec_endpoint", "POST", "/", Map.of(), delivery.body()))
        .isEqualTo(401);
  }

  /** What sender {@code name} sends, through the signing kit. */
  private static WebhookRequest signed(String name, String key, long timestamp, byte[] body) {
    SignedDelivery delivery =
        Providers.byName(name)
            .sender()
            .sign(key, OutgoingWebhook.builder(body).id("msg_1").timestamp(timestamp).build());
    return request(delivery.headers(), delivery.body());
  }

  /** Lower case, so the lookup is seen to ignore case. */
  private static String lowerCase(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
