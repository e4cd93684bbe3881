package dev.hookverify.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.spring.autoconfigure.reactive.VerifiedWebhookConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/** The WebFlux side's conditions: on reactive applications only, one filter for the endpoints. */
class HookverifyReactiveAutoConfigurationTest {
  private static final String[] ENDPOINTS = {
    "hookverify.endpoints.stripe.provider=stripe",
    "hookverify.endpoints.stripe.path=/webhooks/stripe",
    "hookverify.endpoints.stripe.secret=whsec_reactive_runner",
    "hookverify.endpoints.github.provider=github",
    "hookverify.endpoints.github.path=/webhooks/github/*",
    "hookverify.endpoints.github.secret=github-reactive-runner"
  };
  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          HookverifyAutoConfiguration.class,
          HookverifyServletAutoConfiguration.class,
          HookverifyReactiveAutoConfiguration.class);

  private final ReactiveWebApplicationContextRunner reactive =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(ALL)
          .withPropertyValues(ENDPOINTS);

  @Test
  void reactiveApplication_getsOneOrderedFilterForTheEndpointsAndTheResolver() {
    reactive
        .withPropertyValues("hookverify.filter.order=-20000")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(VerifiedWebhookConfigurer.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              WebFilter filters = context.getBean("hookverifyWebFilters", WebFilter.class);
              assertThat(((Ordered) filters).getOrder()).isEqualTo(-20000);
              assertThat(filters.toString())
                  .contains("/webhooks/stripe/") // routed there if the application matches it
                  .contains("/webhooks/github/**"); // a servlet-style prefix covers everything
            });
  }

  @Test
  void reactiveApplication_disabledOrWithoutWebFlux_getsNoFilter() {
    reactive
        .withPropertyValues("hookverify.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("hookverifyWebFilters"));
    reactive
        .withClassLoader(new FilteredClassLoader(WebFilter.class))
        .run(context -> assertThat(context).doesNotHaveBean("hookverifyWebFilters"));
  }

  @Test
  void servletApplication_getsNoReactiveFilter() {
    new WebApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(ENDPOINTS)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("hookverifyWebFilters");
              assertThat(context).doesNotHaveBean(VerifiedWebhookConfigurer.class);
            });
  }

  @Test
  void pattern_mapsAServletPrefixToAPathPattern() {
    assertThat(HookverifyReactiveAutoConfiguration.pattern("/webhooks/github/*"))
        .isEqualTo("/webhooks/github/**");
    assertThat(HookverifyReactiveAutoConfiguration.pattern("/webhooks/stripe"))
        .isEqualTo("/webhooks/stripe");
  }
}
