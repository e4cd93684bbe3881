package dev.hookverify.spring.autoconfigure.reactive;

import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * A {@link WebFluxConfigurer} that lets annotated handler methods take a {@link
 * dev.hookverify.VerifiedWebhook} parameter, through {@link VerifiedWebhookArgumentResolver}.
 * Declare it as a bean. Thread-safe (stateless).
 */
public final class VerifiedWebhookConfigurer implements WebFluxConfigurer {
  /** A configurer adding the resolver. */
  public VerifiedWebhookConfigurer() {}

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(new VerifiedWebhookArgumentResolver());
  }
}
