package dev.hookverify.micrometer.example;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.micrometer.MeteredIdempotencyStore;
import dev.hookverify.micrometer.MicrometerVerificationListener;
import dev.hookverify.providers.Stripe;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metrics example of docs/integrations.md; {@code MetricsExampleTest} runs deliveries through
 * it.
 */
public final class MetricsExample {
  private MetricsExample() {}

  /** A Stripe endpoint named {@code stripe-payments}, its verifications and store metered. */
  public static IdempotentVerifier stripePayments(MeterRegistry registry, WebhookSecret secret) {
    IdempotencyStore store =
        MeteredIdempotencyStore.of(new InMemoryIdempotencyStore(10_000), registry, "memory");
    WebhookVerifier verifier =
        Stripe.builder(KeyRing.of(secret))
            .listener(MicrometerVerificationListener.builder(registry, "stripe-payments").build())
            .build();
    return IdempotentVerifier.builder(verifier, store).build();
  }
}
