package dev.hookverify.spring.autoconfigure;

import dev.hookverify.spring.autoconfigure.reactive.RejectionHandler;
import dev.hookverify.spring.autoconfigure.reactive.VerifiedWebhookConfigurer;
import dev.hookverify.spring.autoconfigure.reactive.WebhookWebFilter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts each {@link Endpoint} in front of a WebFlux application: one {@link WebhookWebFilter} per
 * endpoint, on its path only (an exact path, or {@code /prefix/*} for everything under the prefix),
 * run by one {@link WebFilter} bean named {@code hookverifyWebFilters} at {@code
 * hookverify.filter.order} (before Spring Security's {@code WebFilterChainProxy} at -100 and the
 * hidden-method filter at -10000); handler methods receive the {@code VerifiedWebhook} as an
 * argument. A reactive {@link RejectionHandler} bean, if the application has one, answers
 * rejections.
 */
@AutoConfiguration(after = HookverifyAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnProperty(prefix = "hookverify", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(HookverifyEndpoints.class)
public class HookverifyReactiveAutoConfiguration {
  /** Spring Boot creates it. */
  public HookverifyReactiveAutoConfiguration() {}

  /** The endpoints' filters, as one ordered filter. */
  @Bean
  WebFilter hookverifyWebFilters(
      HookverifyEndpoints endpoints,
      HookverifyProperties properties,
      ObjectProvider<RejectionHandler> rejections) {
    List<WebhookWebFilter> filters = new ArrayList<>();
    for (Endpoint endpoint : endpoints.all()) {
      WebhookWebFilter.Builder builder =
          endpoint.idempotentVerifier().isPresent()
              ? WebhookWebFilter.builder(endpoint.idempotentVerifier().get())
              : WebhookWebFilter.builder(endpoint.verifier());
      rejections.ifUnique(builder::rejectionHandler);
      builder.path(pattern(endpoint.path()));
      if (!endpoint.path().endsWith("/*")) {
        // An application that matches trailing slashes routes /path/ to the same handler.
        builder.path(endpoint.path() + "/");
      }
      filters.add(builder.build());
    }
    return new EndpointFilters(filters, properties.getFilter().getOrder());
  }

  /** Lets WebFlux handler methods take a {@code VerifiedWebhook} parameter. */
  @Bean
  VerifiedWebhookConfigurer hookverifyWebFluxConfigurer() {
    return new VerifiedWebhookConfigurer();
  }

  /** An endpoint path as a WebFlux path pattern: {@code /prefix/*} covers everything below. */
  static String pattern(String path) {
    return path.endsWith("/*") ? path + "*" : path;
  }

  /**
   * The endpoints' filters in turn; each passes requests off its path through untouched, and
   * endpoint paths never overlap, so at most one acts on a request.
   */
  static final class EndpointFilters implements WebFilter, Ordered {
    private final List<WebhookWebFilter> filters;
    private final int order;

    EndpointFilters(List<WebhookWebFilter> filters, int order) {
      this.filters = List.copyOf(filters);
      this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
      return filter(0, exchange, chain);
    }

    private Mono<Void> filter(int index, ServerWebExchange exchange, WebFilterChain chain) {
      if (index == filters.size()) {
        return chain.filter(exchange);
      }
      return filters.get(index).filter(exchange, next -> filter(index + 1, next, chain));
    }

    @Override
    public int getOrder() {
      return order;
    }

    @Override
    public String toString() {
      return "EndpointFilters" + filters;
    }
  }
}
