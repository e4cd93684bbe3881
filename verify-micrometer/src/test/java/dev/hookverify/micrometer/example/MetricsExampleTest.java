package dev.hookverify.micrometer.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The metrics example of docs/integrations.md, fed a genuine Stripe delivery, its replay and a
 * forgery.
 */
class MetricsExampleTest {
  private static final String SECRET = "whsec_readme_example";

  @Test
  void stripePayments_recordsEachOutcomeUnderItsEndpointAndTheStoreOperations() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IdempotentVerifier verifier =
        MetricsExample.stripePayments(registry, WebhookSecret.ofUtf8(SECRET));
    SignedDelivery genuine =
        Providers.byName("stripe")
            .sender()
            .sign(SECRET, OutgoingWebhook.builder("{\"id\":\"evt_1\"}".getBytes(UTF_8)).build());

    try (ClaimedDelivery delivery = verifier.claim(request(genuine, genuine.body()))) {
      delivery.complete();
    }
    assertThatThrownBy(() -> verifier.claim(request(genuine, genuine.body())))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verifier.claim(request(genuine, "{\"id\":\"evt_2\"}".getBytes(UTF_8))))
        .isInstanceOf(WebhookVerificationException.class);

    assertThat(count(registry, "accepted", "none")).isEqualTo(1);
    assertThat(count(registry, "duplicate", "duplicate_delivery")).isEqualTo(1);
    assertThat(count(registry, "rejected", "signature_mismatch")).isEqualTo(1);
    assertThat(
            registry
                .get("hookverify.idempotency.operations")
                .tags("store", "memory", "operation", "complete", "outcome", "completed")
                .timer()
                .count())
        .isEqualTo(1);
  }

  private static long count(SimpleMeterRegistry registry, String outcome, String reason) {
    return registry
        .get("hookverify.verifications")
        .tags("endpoint", "stripe-payments", "provider", "stripe")
        .tags("outcome", outcome, "reason", reason)
        .timer()
        .count();
  }

  private static WebhookRequest request(SignedDelivery delivery, byte[] body) {
    WebhookRequest.Builder request = WebhookRequest.builder().body(body);
    delivery.headers().forEach(request::header);
    return request.build();
  }
}
