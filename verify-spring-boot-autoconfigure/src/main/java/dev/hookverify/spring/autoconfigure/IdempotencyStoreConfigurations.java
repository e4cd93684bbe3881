package dev.hookverify.spring.autoconfigure;

import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.spring.autoconfigure.HookverifyProperties.Store;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The idempotency stores, tried in this order for {@code hookverify.idempotency.store=auto}: JDBC
 * on the application's {@link DataSource}, Redis on its {@code RedisConnectionFactory}, memory. An
 * {@link IdempotencyStore} bean of the application's own replaces them all.
 */
final class IdempotencyStoreConfigurations {
  private IdempotencyStoreConfigurations() {}

  /** JDBC, for store auto or jdbc, on the application's single or primary DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  @Conditional(JdbcSelected.class)
  static class Jdbc {
    @Bean
    @ConditionalOnMissingBean(IdempotencyStore.class)
    @DependsOnDatabaseInitialization
    JdbcIdempotencyStore hookverifyIdempotencyStore(
        DataSource dataSource, HookverifyProperties properties) {
      return JdbcStores.create(dataSource, properties.getIdempotency());
    }
  }

  /** Redis, for store auto or redis, through Spring Data Redis. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
  @ConditionalOnBean(type = "org.springframework.data.redis.connection.RedisConnectionFactory")
  @Conditional(RedisSelected.class)
  static class Redis {
    @Bean
    @ConditionalOnMissingBean(IdempotencyStore.class)
    RedisIdempotencyStore hookverifyIdempotencyStore(
        RedisConnectionFactory connectionFactory, HookverifyProperties properties) {
      return new RedisIdempotencyStore(
          new SpringDataRedisScripting(connectionFactory),
          properties.getIdempotency().getKeyPrefix());
    }
  }

  /** Memory, for store auto (when neither of the others applies) or memory. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(MemorySelected.class)
  static class Memory {
    @Bean
    @ConditionalOnMissingBean(IdempotencyStore.class)
    InMemoryIdempotencyStore hookverifyIdempotencyStore(
        HookverifyProperties properties, ObjectProvider<Clock> clock) {
      return new InMemoryIdempotencyStore(
          properties.getIdempotency().getMaxKeys(), clock.getIfUnique(Clock::systemUTC));
    }
  }

  /** Matches when {@code hookverify.idempotency.store} is one of the given kinds. */
  abstract static class StoreSelected extends SpringBootCondition {
    private final Set<Store> kinds;

    StoreSelected(Store first, Store... rest) {
      this.kinds = EnumSet.of(first, rest);
    }

    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      Store store =
          Binder.get(context.getEnvironment())
              .bind("hookverify.idempotency.store", Store.class)
              .orElse(Store.AUTO);
      return kinds.contains(store)
          ? ConditionOutcome.match("hookverify.idempotency.store is " + store)
          : ConditionOutcome.noMatch("hookverify.idempotency.store is " + store);
    }
  }

  static final class JdbcSelected extends StoreSelected {
    JdbcSelected() {
      super(Store.AUTO, Store.JDBC);
    }
  }

  static final class RedisSelected extends StoreSelected {
    RedisSelected() {
      super(Store.AUTO, Store.REDIS);
    }
  }

  static final class MemorySelected extends StoreSelected {
    MemorySelected() {
      super(Store.AUTO, Store.MEMORY);
    }
  }
}
