package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.GitHub;
import dev.hookverify.providers.Slack;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Twilio;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * The test application: a WebFlux application on Reactor Netty with one {@link WebhookWebFilter}
 * per endpoint, registered as beans as an application (or, later, the auto-configuration) would,
 * and the {@link VerifiedWebhookConfigurer}. Uses only Spring API that Boot 3.5 and 4 share.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebhookController.class)
class WebhookApplication {
  static final String GITHUB_SECRET = "github-webflux-secret";
  static final String STRIPE_SECRET = "whsec_webflux_secret";
  static final String TWILIO_TOKEN = "twilio-webflux-auth-token";
  static final String SLACK_SECRET = "slack-webflux-signing-secret";
  static final int SMALL_LIMIT = 64 * 1024;

  @Bean
  Deliveries deliveries() {
    return new Deliveries();
  }

  @Bean
  VerifiedWebhookConfigurer verifiedWebhookConfigurer() {
    return new VerifiedWebhookConfigurer();
  }

  @Bean
  WebhookWebFilter githubFilter(Deliveries deliveries) {
    WebhookVerifier github =
        GitHub.builder(keys(GITHUB_SECRET))
            .listener(
                event -> {
                  deliveries.events.add(event);
                  deliveries.verifierThreads.add("verify " + Thread.currentThread().getName());
                })
            .build();
    RecordingStore store =
        new RecordingStore(new InMemoryIdempotencyStore(10_000), deliveries.verifierThreads);
    return WebhookWebFilter.builder(IdempotentVerifier.builder(github, store).build())
        .path("/github/**")
        .build();
  }

  @Bean
  WebhookWebFilter smallFilter() {
    return WebhookWebFilter.builder(
            GitHub.builder(keys(GITHUB_SECRET)).maxBodyBytes(SMALL_LIMIT).build())
        .path("/small/hook")
        .build();
  }

  @Bean
  WebhookWebFilter stripeFilter() {
    return WebhookWebFilter.builder(Stripe.builder(keys(STRIPE_SECRET)).build())
        .path("/stripe/hook")
        .build();
  }

  @Bean
  WebhookWebFilter stripeDebugFilter() {
    return WebhookWebFilter.builder(Stripe.builder(keys(STRIPE_SECRET)).build())
        .path("/stripe-debug/hook")
        .rejectionHandler(RejectionHandler.revealingReason())
        .build();
  }

  @Bean
  WebhookWebFilter twilioFilter() {
    return WebhookWebFilter.builder(
            IdempotentVerifier.builder(twilio(), new InMemoryIdempotencyStore(1_000)).build())
        .path("/twilio/**")
        .build();
  }

  @Bean
  WebhookWebFilter slackFilter() {
    return WebhookWebFilter.builder(Slack.builder(keys(SLACK_SECRET)).build())
        .path("/slack/**")
        .build();
  }

  @Bean
  WebhookWebFilter proxiedFilter() {
    return WebhookWebFilter.builder(twilio())
        .path("/proxied/sms")
        .publicBaseUrl("https://hooks.example.com/api")
        .build();
  }

  @Bean
  WebhookWebFilter forwardedFilter() {
    return WebhookWebFilter.builder(twilio())
        .path("/forwarded/sms")
        .trustForwardedHeaders()
        .build();
  }

  @Bean
  WebhookWebFilter voiceFilter() {
    byte[] hangup =
        "<Response><Hangup/></Response>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return WebhookWebFilter.builder(twilio())
        .path("/voice/call")
        .rejectionHandler(
            (exchange, reason) -> {
              ServerHttpResponse response = exchange.getResponse();
              response.getHeaders().setContentType(MediaType.APPLICATION_XML);
              return response.writeWith(
                  reactor.core.publisher.Mono.fromSupplier(
                      () -> response.bufferFactory().wrap(hangup)));
            })
        .build();
  }

  private static WebhookVerifier twilio() {
    return Twilio.builder(keys(TWILIO_TOKEN), url -> url).build();
  }

  private static KeyRing keys(String secret) {
    return KeyRing.of(WebhookSecret.ofUtf8(secret));
  }
}
