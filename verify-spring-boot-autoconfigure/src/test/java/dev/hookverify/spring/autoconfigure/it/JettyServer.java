package dev.hookverify.spring.autoconfigure.it;

import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty instead of Tomcat (both are on the test class path). Boot-3-specific, like {@link
 * TomcatServer}, so here and not in src/shared-test/java: Boot 4 moved the factory to {@code
 * org.springframework.boot.jetty.servlet}, and verify-spring-boot-compat has its own.
 */
@Configuration(proxyBeanMethods = false)
public class JettyServer {
  @Bean
  JettyServletWebServerFactory jetty() {
    return new JettyServletWebServerFactory();
  }
}
