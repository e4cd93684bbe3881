package dev.hookverify.spring.autoconfigure.reactive;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract on the Spring Boot line this module builds against, on Reactor Netty. */
class ReactorNettyWebhookWebFilterTest extends WebhookWebFilterContract {
  @Override
  ConfigurableApplicationContext start(Class<?> application, String... properties) {
    return new SpringApplicationBuilder(application, NettyServer.class)
        .properties(properties)
        .run();
  }
}
