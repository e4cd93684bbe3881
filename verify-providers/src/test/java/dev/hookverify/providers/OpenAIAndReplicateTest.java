package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI's and Replicate's vectors through the public API: both are Standard Webhooks senders. */
class OpenAIAndReplicateTest {
  private static final String OPENAI_SECRET = "whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c=";
  private static final long OPENAI_TS = 1750861210L;
  private static final byte[] OPENAI_BODY =
      utf8(
          "{\"id\": \"evt_685c059ae3a481909bdc86819b066fb6\", \"object\": \"event\","
              + " \"created_at\": 1750861210, \"type\": \"response.completed\", \"data\": {\"id\":"
              + " \"resp_123\"}}");
  private static final Map<String, String> OPENAI_HEADERS =
      Map.of(
          "webhook-id", "wh_685c059ae39c8190af8c71ed1022a24d",
          "webhook-timestamp", Long.toString(OPENAI_TS),
          "webhook-signature", "v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY=");

  /** OFFICIAL: openai/openai-node tests/api-resources/webhooks.test.ts (7b7d6ca). */
  @Test
  void openai_officialVector_isAcceptedWithItsSignedId() throws Exception {
    WebhookVerifier verifier =
        Providers.byName("openai").verifier(List.of(OPENAI_SECRET)).clock(at(OPENAI_TS)).build();
    VerifiedWebhook webhook = verifier.verify(request(OPENAI_HEADERS, OPENAI_BODY));
    assertThat(webhook.provider()).isEqualTo("openai");
    assertThat(webhook.deliveryId()).contains("wh_685c059ae39c8190af8c71ed1022a24d");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }

  /** openai-java and openai-node reject "too old" and "too new" past 300 s. */
  @Test
  void openai_toleranceIs300SecondsBothWays() {
    KeyRing ring = KeyRing.of(StandardWebhooks.secret(OPENAI_SECRET));
    for (long offset : new long[] {-300, 300}) {
      assertThat(
              reasonOf(
                  OpenAI.builder(ring).clock(at(OPENAI_TS + offset)).build(),
                  request(OPENAI_HEADERS, OPENAI_BODY)))
          .as("%d", offset)
          .isNull();
    }
    assertThat(
            reasonOf(
                OpenAI.builder(ring).clock(at(OPENAI_TS + 301)).build(),
                request(OPENAI_HEADERS, OPENAI_BODY)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                OpenAI.builder(ring).clock(at(OPENAI_TS - 301)).build(),
                request(OPENAI_HEADERS, OPENAI_BODY)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(
            reasonOf(
                OpenAI.builder(
                        ring, ProviderOptions.builder().tolerance(Duration.ofMinutes(10)).build())
                    .clock(at(OPENAI_TS + 600))
                    .build(),
                request(OPENAI_HEADERS, OPENAI_BODY)))
        .isNull();
  }

  /**
   * Replicate's test (replicate-javascript index.test.ts, 2fd6f39) reuses the Standard Webhooks
   * vector: not a new vector. Replicate's SDK checks no timestamp; the window applies here.
   */
  @Test
  void replicate_standardWebhooksVector_isAcceptedInsideTheWindowOnly() throws Exception {
    Map<String, String> headers =
        Map.of(
            "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp", "1614265330",
            "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    byte[] body = utf8("{\"test\": 2432232314}");
    List<String> secret = List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    VerifiedWebhook webhook =
        Providers.byName("replicate")
            .verifier(secret)
            .clock(at(1614265330L))
            .build()
            .verify(request(headers, body));
    assertThat(webhook.provider()).isEqualTo("replicate");
    assertThat(
            reasonOf(
                Providers.byName("replicate").verifier(secret).clock(at(1614265330L + 301)).build(),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }
}
