package dev.hookverify.providers.example;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Svix;
import dev.hookverify.providers.logging.LoggingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The provider examples of the README and docs/providers.md, compiled here and run by {@code
 * ProviderExamplesTest}.
 */
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

  /**
   * The README's plain-Java quick start: the status to answer a request as received, {@code
   * headers} looked up case-insensitively.
   */
  static int receive(
      String endpointSecret,
      String method,
      String uri,
      Map<String, List<String>> headers,
      byte[] body) {
    WebhookVerifier stripe = Stripe.verifier(WebhookSecret.ofUtf8(endpointSecret));
    WebhookRequest request =
        WebhookRequest.builder().method(method).uri(uri).headers(headers::get).body(body).build();
    try {
      VerifiedWebhook webhook = stripe.verify(request);
      // Handle webhook.body(), then answer 2xx.
      return 204;
    } catch (WebhookVerificationException e) {
      return e.reason().httpStatus();
    }
  }
}
