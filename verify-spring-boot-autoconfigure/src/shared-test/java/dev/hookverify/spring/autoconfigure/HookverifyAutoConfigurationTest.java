package dev.hookverify.spring.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookRequest;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.micrometer.MeteredIdempotencyStore;
import dev.hookverify.micrometer.MicrometerVerificationListener;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.servlet.WebhookFilter;
import dev.hookverify.testing.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wiring: every property and condition of the auto-configurations, in contexts without a server.
 * What a real container does with the requests is {@link AbstractWebhookApplicationTest}'s part.
 */
class HookverifyAutoConfigurationTest {
  static final String STRIPE_SECRET = "whsec_runner-test-secret";
  static final String TWILIO_TOKEN = "twilio-runner-auth-token";

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  HookverifyAutoConfiguration.class, HookverifyServletAutoConfiguration.class))
          .withPropertyValues(
              "hookverify.endpoints.stripe.provider=stripe",
              "hookverify.endpoints.stripe.path=/webhooks/stripe",
              "hookverify.endpoints.stripe.secrets[0]=" + STRIPE_SECRET,
              "hookverify.endpoints.twilio.provider=twilio",
              "hookverify.endpoints.twilio.path=/webhooks/twilio",
              "hookverify.endpoints.twilio.secret=" + TWILIO_TOKEN,
              "hookverify.endpoints.twilio.public-url=https://api.example.com/webhooks/twilio");

  @Test
  void endpoints_fromProperties_buildOneVerifierPerSender() {
    web.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(HookverifyEndpoints.class);
          HookverifyEndpoints endpoints = context.getBean(HookverifyEndpoints.class);
          assertThat(endpoints.all())
              .extracting(Endpoint::name)
              .containsExactly("stripe", "twilio");
          assertThat(endpoints.paths()).containsExactly("/webhooks/stripe", "/webhooks/twilio");
          Endpoint stripe = endpoints.byName("stripe").orElseThrow();
          assertThat(stripe.provider()).isEqualTo("stripe");
          assertThat(stripe.maxBodyBytes()).isEqualTo(1 << 20);
          assertThat(stripe.idempotentVerifier()).isPresent();
          assertThat(stripe.verifier().verify(stripeRequest("evt_1")).deliveryId())
              .contains("evt_1");
        });
  }

  @Test
  void endpointOptions_maxBodySizeToleranceAndRotation_areApplied() {
    web.withPropertyValues(
            "hookverify.endpoints.stripe.secrets[0]=whsec_old-secret",
            "hookverify.endpoints.stripe.secrets[1]=" + STRIPE_SECRET,
            "hookverify.endpoints.stripe.max-body-size=2KB",
            "hookverify.endpoints.stripe.tolerance=10m",
            "hookverify.endpoints.stripe.idempotent=false")
        .run(
            context -> {
              Endpoint stripe =
                  context.getBean(HookverifyEndpoints.class).byName("stripe").orElseThrow();
              assertThat(stripe.maxBodyBytes()).isEqualTo(2048);
              assertThat(stripe.idempotentVerifier()).isEmpty();
              // Signed 8 minutes ago with the newer of two secrets: inside the 10-minute tolerance.
              long eightMinutesAgo = System.currentTimeMillis() / 1000 - 480;
              assertThat(stripe.verifier().verify(stripeRequest("evt_2", eightMinutesAgo)).keyId())
                  .isEqualTo("key-2");
            });
  }

  @Test
  void filters_areRegisteredPerEndpoint_onItsPathOnly_beforeSecurityAndFormFilters() {
    web.run(
        context -> {
          Map<String, FilterRegistrationBean<?>> registrations = registrations(context);
          assertThat(registrations)
              .containsOnlyKeys("hookverifyFilter.stripe", "hookverifyFilter.twilio");
          FilterRegistrationBean<?> stripe = registrations.get("hookverifyFilter.stripe");
          assertThat(stripe.getFilter()).isInstanceOf(WebhookFilter.class);
          assertThat(stripe.getUrlPatterns())
              .containsExactly("/webhooks/stripe", "/webhooks/stripe/");
          assertThat(stripe.determineDispatcherTypes())
              .isEqualTo(EnumSet.of(DispatcherType.REQUEST));
          assertThat(stripe.isAsyncSupported()).isTrue();
          assertThat(stripe.getOrder())
              .isEqualTo(HookverifyServletAutoConfiguration.DEFAULT_FILTER_ORDER)
              .isLessThan(-10000) // HiddenHttpMethodFilter
              .isLessThan(-9900) // FormContentFilter
              .isLessThan(-100); // Spring Security
          assertThat(registrations.get("hookverifyFilter.twilio").getUrlPatterns())
              .containsExactly("/webhooks/twilio", "/webhooks/twilio/");
          assertThat(context).hasSingleBean(WebMvcConfigurer.class);
        });
    web.withPropertyValues("hookverify.filter.order=-200")
        .run(
            context ->
                assertThat(registrations(context).get("hookverifyFilter.stripe").getOrder())
                    .isEqualTo(-200));
  }

  private static Map<String, FilterRegistrationBean<?>> registrations(
      org.springframework.context.ApplicationContext context) {
    Map<String, FilterRegistrationBean<?>> registrations = new java.util.TreeMap<>();
    for (String name : context.getBeanNamesForType(FilterRegistrationBean.class)) {
      registrations.put(name, context.getBean(name, FilterRegistrationBean.class));
    }
    return registrations;
  }

  @Test
  void nonWebApplication_getsEndpointsButNoFilters() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                HookverifyAutoConfiguration.class, HookverifyServletAutoConfiguration.class))
        .withPropertyValues(
            "hookverify.endpoints.stripe.provider=stripe",
            "hookverify.endpoints.stripe.path=/webhooks/stripe",
            "hookverify.endpoints.stripe.secret=" + STRIPE_SECRET)
        .run(
            context -> {
              assertThat(context).hasSingleBean(HookverifyEndpoints.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            });
  }

  @Test
  void disabled_backsOffEntirely() {
    web.withPropertyValues("hookverify.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(HookverifyEndpoints.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).doesNotHaveBean(IdempotencyStore.class);
            });
  }

  @Test
  void withoutVerifyServlet_theServletConfigurationBacksOff() {
    web.withClassLoader(new FilteredClassLoader(WebhookFilter.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(HookverifyEndpoints.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            });
  }

  @Test
  void store_auto_withNothing_isMemory() {
    web.run(
        context -> {
          assertThat(context)
              .getBean(IdempotencyStore.class)
              .isInstanceOf(InMemoryIdempotencyStore.class);
          assertThat(context.getBean(HookverifyEndpoints.class).all())
              .allSatisfy(e -> assertThat(e.idempotentVerifier()).isPresent());
        });
  }

  @Test
  void store_auto_withDataSource_isJdbc_andCreatesTheTableWhenAsked() {
    web.withBean(DataSource.class, PostgresServer::dataSource)
        .withPropertyValues(
            "hookverify.idempotency.initialize-schema=always",
            "hookverify.idempotency.table=hookverify_runner_auto")
        .run(
            context ->
                assertThat(context)
                    .getBean(IdempotencyStore.class)
                    .isInstanceOf(JdbcIdempotencyStore.class));
  }

  @Test
  void store_jdbc_withMissingTable_andNoInitialization_failsWithTheFix() {
    web.withBean(DataSource.class, PostgresServer::dataSource)
        .withPropertyValues(
            "hookverify.idempotency.store=jdbc",
            "hookverify.idempotency.initialize-schema=embedded", // PostgreSQL is not embedded
            "hookverify.idempotency.table=hookverify_never_created")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "'hookverify_never_created' does not exist",
                    "initialize-schema=always"));
  }

  @Test
  void store_auto_withRedis_isRedis_andExplicitChoicesWin() {
    ApplicationContextRunnerish redis =
        () ->
            web.withBean(
                RedisConnectionFactory.class, () -> new LettuceConnectionFactory("127.0.0.1", 1));
    redis
        .get()
        .run(
            context ->
                assertThat(context)
                    .getBean(IdempotencyStore.class)
                    .isInstanceOf(RedisIdempotencyStore.class));
    redis
        .get()
        .withBean(DataSource.class, PostgresServer::dataSource)
        .withPropertyValues(
            "hookverify.idempotency.store=redis",
            "hookverify.idempotency.table=hookverify_runner_unused")
        .run(
            context ->
                assertThat(context)
                    .getBean(IdempotencyStore.class)
                    .isInstanceOf(RedisIdempotencyStore.class));
    redis
        .get()
        .withPropertyValues("hookverify.idempotency.store=memory")
        .run(
            context ->
                assertThat(context)
                    .getBean(IdempotencyStore.class)
                    .isInstanceOf(InMemoryIdempotencyStore.class));
  }

  @Test
  void store_none_disablesDeduplication() {
    web.withPropertyValues("hookverify.idempotency.store=none")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(IdempotencyStore.class);
              assertThat(context.getBean(HookverifyEndpoints.class).all())
                  .allSatisfy(e -> assertThat(e.idempotentVerifier()).isEmpty());
            });
  }

  @Test
  void store_applicationsOwnStore_replacesTheSelection() {
    IdempotencyStore own = new InMemoryIdempotencyStore(7);
    web.withBean("myStore", IdempotencyStore.class, () -> own)
        .withBean(DataSource.class, PostgresServer::dataSource)
        .run(context -> assertThat(context).getBean(IdempotencyStore.class).isSameAs(own));
  }

  @Test
  void store_jdbcOrRedis_withoutTheirInfrastructure_failsWithTheFix() {
    web.withPropertyValues("hookverify.idempotency.store=jdbc")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "store is jdbc, but the application has no DataSource",
                    "spring.datasource.url"));
    web.withPropertyValues("hookverify.idempotency.store=redis")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "store is redis, but the application has no RedisConnectionFactory",
                    "spring-boot-starter-data-redis"));
  }

  @Test
  void metrics_withMeterRegistry_meterVerificationsAndTheStore() {
    web.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              Endpoint stripe =
                  context.getBean(HookverifyEndpoints.class).byName("stripe").orElseThrow();
              stripe
                  .idempotentVerifier()
                  .orElseThrow()
                  .claim(stripeRequest("evt_metered"))
                  .complete();
              assertThat(
                      registry
                          .get(MicrometerVerificationListener.METER_NAME)
                          .tag("endpoint", "stripe")
                          .timers())
                  .anySatisfy(t -> assertThat(t.count()).isEqualTo(1));
              assertThat(
                      registry
                          .get(MeteredIdempotencyStore.METER_NAME)
                          .tag("store", "memory")
                          .tag("operation", "claim")
                          .timers())
                  .anySatisfy(t -> assertThat(t.count()).isEqualTo(1));
            });
  }

  @Test
  void metrics_offByProperty_orWithoutVerifyMicrometer_recordNothing() {
    web.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("hookverify.metrics.enabled=false")
        .run(
            context ->
                assertNoHookverifyMeters(
                    context.getBean(MeterRegistry.class),
                    context.getBean(HookverifyEndpoints.class)));
    web.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withClassLoader(new FilteredClassLoader(MicrometerVerificationListener.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertNoHookverifyMeters(
                  context.getBean(MeterRegistry.class), context.getBean(HookverifyEndpoints.class));
            });
  }

  private static void assertNoHookverifyMeters(
      MeterRegistry registry, HookverifyEndpoints endpoints) throws Exception {
    endpoints.byName("stripe").orElseThrow().verifier().verify(stripeRequest("evt_unmetered"));
    assertThat(registry.getMeters())
        .noneSatisfy(m -> assertThat(m.getId().getName()).startsWith("hookverify"));
  }

  @Test
  void failFast_unknownProvider_listsTheKnownOnes() {
    web.withPropertyValues("hookverify.endpoints.stripe.provider=strpe")
        .run(
            context -> {
              FailureAnalysis analysis =
                  assertFailure(
                      context.getStartupFailure(),
                      "hookverify.endpoints.stripe.provider is 'strpe', which is not a known"
                          + " provider",
                      "Set hookverify.endpoints.stripe.provider to one of: stripe, github,");
              for (var provider : Providers.all()) {
                assertThat(analysis.getAction()).contains(provider.name());
              }
            });
  }

  @Test
  void failFast_missingOrBlankSecret_namesTheProperty() {
    web.withPropertyValues("hookverify.endpoints.stripe.secrets[0]=")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "hookverify.endpoints.stripe.secrets",
                    "${STRIPE_WEBHOOK_SECRET}"));
    web.withPropertyValues(
            "hookverify.endpoints.extra.provider=github", "hookverify.endpoints.extra.path=/gh")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "Endpoint 'extra' has no secret: hookverify.endpoints.extra.secrets is not set",
                    "hookverify.endpoints.extra.secrets[0]"));
    // As a YAML block scalar leaves it; TestPropertyValues would trim the newline away.
    web.withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new org.springframework.core.env.MapPropertySource(
                            "padded",
                            Map.of("hookverify.endpoints.twilio.secret", TWILIO_TOKEN + "\n"))))
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "hookverify.endpoints.twilio.secret has leading or trailing whitespace",
                    "Remove the whitespace"));
  }

  @Test
  void failFast_twoEndpointsOnOnePath() {
    web.withPropertyValues("hookverify.endpoints.twilio.path=/webhooks/stripe")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "Endpoints 'stripe' (/webhooks/stripe) and 'twilio' (/webhooks/stripe) serve"
                        + " the same path",
                    "hookverify.endpoints.twilio.path"));
    web.withPropertyValues("hookverify.endpoints.twilio.path=/webhooks/*")
        .run(
            context ->
                assertFailure(context.getStartupFailure(), "serve the same path", "its own path"));
  }

  @Test
  void failFast_publicKeySenderGivenASecret_andSecretSenderGivenPublicKeys() {
    web.withPropertyValues(
            "hookverify.endpoints.discord.provider=discord",
            "hookverify.endpoints.discord.path=/webhooks/discord",
            "hookverify.endpoints.discord.secret=not-a-public-key")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "discord signs with a private key and is verified with its public keys, but a"
                        + " secret is configured",
                    "hookverify.endpoints.discord.public-keys[0]"));
    web.withPropertyValues("hookverify.endpoints.stripe.public-keys[0]=aabbcc")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "stripe shares a secret with its receivers, but public keys are configured",
                    "Remove hookverify.endpoints.stripe.public-keys"));
  }

  @Test
  void failFast_unsupportedOption_andBadPath() {
    web.withPropertyValues("hookverify.endpoints.twilio.tolerance=5m")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "twilio does not support hookverify.endpoints.twilio.tolerance (it supports:"
                        + " public-url)",
                    "Remove hookverify.endpoints.twilio.tolerance"));
    web.withPropertyValues("hookverify.endpoints.stripe.path=webhooks/stripe")
        .run(
            context ->
                assertFailure(
                    context.getStartupFailure(),
                    "hookverify.endpoints.stripe.path does not start with /",
                    "/webhooks/stripe"));
  }

  /** The failure is hookverify's, analysed into a description and an action without a secret. */
  private static FailureAnalysis assertFailure(
      Throwable failure, String description, String action) {
    assertThat(failure).isNotNull();
    FailureAnalysis analysis = new HookverifyFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    assertThat(analysis.getDescription()).contains(description);
    assertThat(analysis.getAction()).contains(action);
    for (String secret : List.of(STRIPE_SECRET, TWILIO_TOKEN, "not-a-public-key")) {
      assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(secret);
    }
    return analysis;
  }

  @Test
  void ordering_namesBothBootGenerations_andOneOfEachPairResolvesHere() throws Exception {
    String[] after =
        HookverifyAutoConfiguration.class
            .getAnnotation(org.springframework.boot.autoconfigure.AutoConfiguration.class)
            .afterName();
    assertThat(after)
        .contains(
            HookverifyAutoConfiguration.BOOT3_DATA_SOURCE,
            HookverifyAutoConfiguration.BOOT4_DATA_SOURCE,
            HookverifyAutoConfiguration.BOOT3_REDIS,
            HookverifyAutoConfiguration.BOOT4_REDIS,
            HookverifyAutoConfiguration.BOOT3_METRICS,
            HookverifyAutoConfiguration.BOOT4_METRICS,
            HookverifyAutoConfiguration.BOOT3_COMPOSITE_METER_REGISTRY,
            HookverifyAutoConfiguration.BOOT4_COMPOSITE_METER_REGISTRY);
    // An afterName that matches no class is silently ignored: on this Boot line, each pair must
    // resolve once.
    for (int i = 0; i < after.length; i += 2) {
      assertThat(isPresent(after[i]) || isPresent(after[i + 1]))
          .as("%s or %s", after[i], after[i + 1])
          .isTrue();
    }
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, HookverifyAutoConfigurationTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A Stripe delivery of {@code id}, signed now with {@link #STRIPE_SECRET}. */
  static WebhookRequest stripeRequest(String id) {
    return stripeRequest(id, System.currentTimeMillis() / 1000);
  }

  static WebhookRequest stripeRequest(String id, long timestamp) {
    SignedDelivery delivery =
        Providers.byName("stripe")
            .sender()
            .sign(
                STRIPE_SECRET,
                OutgoingWebhook.builder(
                        ("{\"id\":\"" + id + "\",\"type\":\"invoice.paid\"}").getBytes(UTF_8))
                    .timestamp(timestamp)
                    .build());
    WebhookRequest.Builder request =
        WebhookRequest.builder().method("POST").uri("https://example.com/webhooks/stripe");
    delivery.headers().forEach(request::header);
    return request.body(delivery.body()).build();
  }

  @FunctionalInterface
  private interface ApplicationContextRunnerish {
    WebApplicationContextRunner get();
  }
}
