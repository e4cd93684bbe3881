package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.VerifiedWebhook;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves a handler method's {@link VerifiedWebhook} parameter to the webhook {@link
 * WebhookWebFilter} verified for the request:
 *
 * <pre>{@code
 * @PostMapping("/webhooks/stripe")
 * Mono<ResponseEntity<Void>> stripe(VerifiedWebhook webhook) { ... }
 * }</pre>
 *
 * <p>On a path the filter does not cover there is no verified webhook, and the handler fails with
 * an {@link IllegalStateException} (a 500) rather than run unverified. Register it with {@link
 * VerifiedWebhookConfigurer}. Thread-safe (stateless).
 */
public final class VerifiedWebhookArgumentResolver implements HandlerMethodArgumentResolver {
  /** A resolver; it holds no state, so one serves every handler. */
  public VerifiedWebhookArgumentResolver() {}

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == VerifiedWebhook.class;
  }

  @Override
  public Mono<Object> resolveArgument(
      MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
    return Mono.justOrEmpty(VerifiedWebhooks.from(exchange))
        .<Object>map(webhook -> webhook)
        .switchIfEmpty(
            Mono.error(
                () ->
                    new IllegalStateException(
                        "hookverify: no verified webhook for "
                            + exchange.getRequest().getPath().pathWithinApplication()
                            + "; is it on a WebhookWebFilter's path?")));
  }
}
