package dev.hookverify.spring.autoconfigure.reactiveapp;

import dev.hookverify.VerifiedWebhook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A WebFlux application configured only by {@code hookverify.*} properties: the auto-configuration
 * puts the endpoints' filters in front of these handlers.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ReactiveWebhookApplication.Webhooks.class)
class ReactiveWebhookApplication {
  @Bean
  Received received() {
    return new Received();
  }

  /** What the handlers were given. */
  static final class Received {
    final List<String> stripe = new CopyOnWriteArrayList<>();
  }

  @RestController
  static class Webhooks {
    private final Received received;

    Webhooks(Received received) {
      this.received = received;
    }

    @PostMapping("/webhooks/stripe")
    Mono<ResponseEntity<Void>> stripe(VerifiedWebhook webhook, @RequestBody String body) {
      received.stripe.add(body);
      return Mono.just(
          ResponseEntity.noContent()
              .header("X-Exact-Bytes", Boolean.toString(body.equals(webhook.bodyAsString())))
              .build());
    }

    @PostMapping("/webhooks/twilio")
    Mono<String> twilio(VerifiedWebhook webhook, ServerWebExchange exchange) {
      return exchange.getFormData().map(form -> webhook.provider() + "|" + form.getFirst("Body"));
    }
  }
}
