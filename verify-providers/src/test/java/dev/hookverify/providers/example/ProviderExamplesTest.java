package dev.hookverify.providers.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Slack;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Svix;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    verifiers
        .get(0)
        .verify(request(Stripe.sign(WebhookSecret.ofUtf8("whsec_endpoint"), now, body), body));
    verifiers
        .get(1)
        .verify(
            request(
                Svix.sign(
                    dev.hookverify.providers.StandardWebhooks.secret(whsec), "msg_1", now, body),
                body));
    assertThat(
            verifiers
                .get(2)
                .verify(
                    request(
                        Slack.sign(WebhookSecret.ofUtf8("slack-secret"), now - 9 * 60, body), body))
                .provider())
        .isEqualTo("slack");
  }
}
