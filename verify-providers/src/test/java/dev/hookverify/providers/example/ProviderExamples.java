package dev.hookverify.providers.example;

import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Svix;
import dev.hookverify.providers.logging.LoggingListener;
import java.time.Duration;
import java.util.List;

/** The README's provider examples, compiled here and run by {@code ProviderExamplesTest}. */
final class ProviderExamples {
  private ProviderExamples() {}

  static List<WebhookVerifier> verifiers(
      String endpointSecret, String whsecKey, String name, String secretText) {
    WebhookVerifier stripe = Stripe.verifier(WebhookSecret.ofUtf8(endpointSecret));
    WebhookVerifier svix = Svix.verifier(whsecKey);
    WebhookVerifier configured =
        Providers.byName(name)
            .verifier(
                List.of(secretText),
                ProviderOptions.builder().tolerance(Duration.ofMinutes(10)).build())
            .listener(new LoggingListener())
            .build();
    return List.of(stripe, svix, configured);
  }
}
