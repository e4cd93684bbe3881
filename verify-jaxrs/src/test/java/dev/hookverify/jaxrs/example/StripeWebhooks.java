package dev.hookverify.jaxrs.example;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.jaxrs.HookverifyEndpoint;
import dev.hookverify.jaxrs.HookverifyFeature;
import dev.hookverify.providers.Stripe;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The JAX-RS example of docs/integrations.md: a Jersey application whose Stripe resource receives
 * verified, deduplicated deliveries. {@code JaxrsQuickStartTest} runs it over the JDK's HTTP
 * server.
 */
@Path("webhooks")
public class StripeWebhooks {
  final List<String> received = new CopyOnWriteArrayList<>();

  /** The application: the resource, and the feature that verifies its marked methods. */
  static ResourceConfig application(
      StripeWebhooks webhooks, WebhookSecret secret, IdempotencyStore store) {
    HookverifyFeature hookverify =
        HookverifyFeature.builder()
            .endpoint("stripe", IdempotentVerifier.builder(Stripe.verifier(secret), store).build())
            .build();
    return new ResourceConfig().register(webhooks).register(hookverify);
  }

  @POST
  @Path("stripe")
  @HookverifyEndpoint("stripe")
  public void stripe(VerifiedWebhook webhook) {
    received.add(webhook.bodyAsString());
  }
}
