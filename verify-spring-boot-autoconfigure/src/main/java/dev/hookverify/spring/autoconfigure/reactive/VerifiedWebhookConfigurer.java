package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.spring.autoconfigure.HeaderBinding;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

/**
 * A {@link WebFluxConfigurer} that lets annotated handler methods take a {@link
 * dev.hookverify.VerifiedWebhook} parameter, through {@link VerifiedWebhookArgumentResolver}, and,
 * as controller advice, keeps {@code @ModelAttribute} on a verified webhook to what was verified:
 * since Spring Framework 6.2 data binding also reads request headers (a {@code User-Name} header
 * fills {@code userName}) where the form has no such field, and no sender signs those headers, so a
 * replay could add them. Declare it as a bean. Thread-safe (stateless).
 */
@ControllerAdvice
public final class VerifiedWebhookConfigurer implements WebFluxConfigurer {
  /** A configurer adding the resolver. */
  public VerifiedWebhookConfigurer() {}

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(new VerifiedWebhookArgumentResolver());
  }

  /**
   * On a verified webhook, binds no request header: only the query (when the sender vouched for
   * it), the verified form and the path's variables.
   */
  @InitBinder
  public void bindNoHeadersOnAWebhook(WebDataBinder binder, ServerWebExchange exchange) {
    if (VerifiedWebhooks.from(exchange).isPresent()) {
      HeaderBinding.off(binder);
    }
  }
}
