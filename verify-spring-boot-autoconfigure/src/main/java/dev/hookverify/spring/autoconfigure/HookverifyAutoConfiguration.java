package dev.hookverify.spring.autoconfigure;

import dev.hookverify.idempotency.IdempotencyStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Builds the {@link HookverifyEndpoints} from {@code hookverify.*}, with the idempotency store
 * chosen by {@code hookverify.idempotency.store} and Micrometer meters when a {@code MeterRegistry}
 * is present. Independent of the web stack: {@link HookverifyServletAutoConfiguration} and the
 * reactive one put the endpoints in front of the application.
 *
 * <p>Ordered after the DataSource, Redis and metrics auto-configurations of Spring Boot 3 and 4,
 * named rather than referenced because Boot 4 moved them; a name that matches no class is ignored.
 */
@AutoConfiguration(
    afterName = {
      HookverifyAutoConfiguration.BOOT3_DATA_SOURCE,
      HookverifyAutoConfiguration.BOOT4_DATA_SOURCE,
      HookverifyAutoConfiguration.BOOT3_REDIS,
      HookverifyAutoConfiguration.BOOT4_REDIS,
      HookverifyAutoConfiguration.BOOT3_METRICS,
      HookverifyAutoConfiguration.BOOT4_METRICS,
      HookverifyAutoConfiguration.BOOT3_COMPOSITE_METER_REGISTRY,
      HookverifyAutoConfiguration.BOOT4_COMPOSITE_METER_REGISTRY,
      HookverifyAutoConfiguration.BOOT3_SIMPLE_METRICS_EXPORT,
      HookverifyAutoConfiguration.BOOT4_SIMPLE_METRICS_EXPORT
    })
@ConditionalOnProperty(prefix = "hookverify", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(HookverifyProperties.class)
@Import({
  IdempotencyStoreConfigurations.Jdbc.class,
  IdempotencyStoreConfigurations.Redis.class,
  IdempotencyStoreConfigurations.Memory.class,
  MicrometerConfiguration.class
})
public class HookverifyAutoConfiguration {
  static final String BOOT3_DATA_SOURCE =
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
  static final String BOOT4_DATA_SOURCE =
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
  static final String BOOT3_REDIS =
      "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration";
  static final String BOOT4_REDIS =
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";
  static final String BOOT3_METRICS =
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";
  static final String BOOT4_METRICS =
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration";
  static final String BOOT3_COMPOSITE_METER_REGISTRY =
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";
  static final String BOOT4_COMPOSITE_METER_REGISTRY =
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration";
  static final String BOOT3_SIMPLE_METRICS_EXPORT =
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration";
  static final String BOOT4_SIMPLE_METRICS_EXPORT =
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration";

  /** Spring Boot creates it. */
  public HookverifyAutoConfiguration() {}

  /**
   * Every configured endpoint, checked: an unknown provider, a missing or blank secret, a secret
   * given to a public-key sender (or keys to a secret one), an unsupported option or two endpoints
   * on one path fail the start-up, reported by {@link HookverifyFailureAnalyzer}. A {@link Clock}
   * bean, if the application has exactly one, times the verifiers.
   */
  @Bean
  @ConditionalOnMissingBean
  public HookverifyEndpoints hookverifyEndpoints(
      HookverifyProperties properties,
      ObjectProvider<IdempotencyStore> store,
      ObjectProvider<Instrumentation> instrumentation,
      ObjectProvider<Clock> clock) {
    return new EndpointFactory(
            properties,
            store.getIfUnique(),
            instrumentation.getIfAvailable(),
            clock.getIfUnique(Clock::systemUTC))
        .build();
  }
}
