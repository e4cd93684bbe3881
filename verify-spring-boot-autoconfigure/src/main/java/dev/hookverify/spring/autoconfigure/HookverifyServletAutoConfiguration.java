package dev.hookverify.spring.autoconfigure;

import dev.hookverify.servlet.RejectionHandler;
import dev.hookverify.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts each {@link Endpoint} in front of a servlet application: a {@link WebhookFilter} registered
 * by a {@link FilterRegistrationBean} named {@code hookverifyFilter.<endpoint>}, mapped to the
 * endpoint's path only, for {@code REQUEST} dispatches, async supported, at {@code
 * hookverify.filter.order} (default {@value #DEFAULT_FILTER_ORDER}: before Spring Security's filter
 * chain at -100, {@code FormContentFilter} at -9900 and {@code HiddenHttpMethodFilter} at -10000,
 * which read form bodies, and after the request-observation and character-encoding filters). With
 * Spring MVC, handler methods receive the {@code VerifiedWebhook} as an argument ({@link
 * VerifiedWebhookArgumentResolver}). A {@link RejectionHandler} bean, if the application has one,
 * answers rejections.
 */
@AutoConfiguration(after = HookverifyAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({
  WebhookFilter.class,
  FilterRegistrationBean.class,
  jakarta.servlet.Filter.class
})
@ConditionalOnProperty(prefix = "hookverify", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(HookverifyEndpoints.class)
@Import(HookverifyServletAutoConfiguration.FilterRegistrations.class)
public class HookverifyServletAutoConfiguration {
  /** The default order of the verifying filters. */
  public static final int DEFAULT_FILTER_ORDER = -10500;

  /** The prefix of each filter registration's bean name, followed by the endpoint's name. */
  public static final String FILTER_BEAN_PREFIX = "hookverifyFilter.";

  /** Spring Boot creates it. */
  public HookverifyServletAutoConfiguration() {}

  /** The argument resolver and the binding advice for Spring MVC handlers. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
  static class Mvc {
    @Bean
    WebMvcConfigurer hookverifyWebMvcConfigurer() {
      return new WebMvcConfigurer() {
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
          resolvers.add(new VerifiedWebhookArgumentResolver());
        }
      };
    }

    /** Binds no unsigned request header into a webhook handler's {@code @ModelAttribute}. */
    @Bean
    MvcWebhookBinding hookverifyMvcWebhookBinding() {
      return new MvcWebhookBinding();
    }
  }

  /**
   * Registers one filter registration per configured endpoint. The names are read from the
   * environment at registration; the endpoints themselves, checked, come from {@link
   * HookverifyEndpoints} when the registrations are created.
   */
  static final class FilterRegistrations
      implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {
    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
      this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      Map<String, Object> endpoints =
          Binder.get(environment)
              .bind("hookverify.endpoints", Bindable.mapOf(String.class, Object.class))
              .orElse(Map.of());
      for (String name : endpoints.keySet()) {
        RootBeanDefinition definition = new RootBeanDefinition(FilterRegistrationBean.class);
        definition.setTargetType(
            ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, WebhookFilter.class));
        definition.setInstanceSupplier(() -> registration(name));
        registry.registerBeanDefinition(FILTER_BEAN_PREFIX + name, definition);
      }
    }

    private FilterRegistrationBean<WebhookFilter> registration(String name) {
      HookverifyEndpoints endpoints = beanFactory.getBean(HookverifyEndpoints.class);
      HookverifyProperties properties = beanFactory.getBean(HookverifyProperties.class);
      Endpoint endpoint =
          endpoints
              .byName(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "hookverify.endpoints." + name + " has no endpoint in " + endpoints));
      WebhookFilter.Builder builder =
          endpoint.idempotentVerifier().isPresent()
              ? WebhookFilter.builder(endpoint.idempotentVerifier().get())
              : WebhookFilter.builder(endpoint.verifier());
      beanFactory.getBeanProvider(RejectionHandler.class).ifUnique(builder::rejectionHandler);
      FilterRegistrationBean<WebhookFilter> registration =
          new FilterRegistrationBean<>(builder.build());
      registration.setName(FILTER_BEAN_PREFIX + name);
      registration.addUrlPatterns(endpoint.path());
      if (!endpoint.path().endsWith("/*")) {
        // An application that matches trailing slashes routes /path/ to the same handler.
        registration.addUrlPatterns(endpoint.path() + "/");
      }
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      registration.setAsyncSupported(true);
      registration.setOrder(properties.getFilter().getOrder());
      return registration;
    }
  }
}
