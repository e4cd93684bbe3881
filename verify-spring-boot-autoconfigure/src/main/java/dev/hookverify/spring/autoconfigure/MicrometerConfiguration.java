package dev.hookverify.spring.autoconfigure;

import dev.hookverify.VerificationListener;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.micrometer.MeteredIdempotencyStore;
import dev.hookverify.micrometer.MicrometerVerificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters every endpoint's verifications ({@code hookverify.verifications}) and the store's
 * operations ({@code hookverify.idempotency.operations}) in the application's {@link
 * MeterRegistry}, when verify-micrometer is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(
    name = {
      "io.micrometer.core.instrument.MeterRegistry",
      "dev.hookverify.micrometer.MicrometerVerificationListener"
    })
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "hookverify.metrics", name = "enabled", matchIfMissing = true)
class MicrometerConfiguration {
  @Bean
  Instrumentation hookverifyMicrometerInstrumentation(MeterRegistry registry) {
    return new Instrumentation() {
      @Override
      public VerificationListener listener(String endpoint) {
        return MicrometerVerificationListener.builder(registry, endpoint).build();
      }

      @Override
      public IdempotencyStore store(IdempotencyStore store, String storeName) {
        return MeteredIdempotencyStore.of(store, registry, storeName);
      }

      @Override
      public String toString() {
        return "Instrumentation{micrometer}";
      }
    };
  }
}
