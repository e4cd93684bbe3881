package dev.hookverify.spring.autoconfigure.it;

import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty instead of Tomcat (both are on the test class path). The one Boot-3-specific class of the
 * application tests: Boot 4 moved the factory to {@code org.springframework.boot.jetty.servlet}.
 */
@Configuration(proxyBeanMethods = false)
public class JettyServer {
  @Bean
  JettyServletWebServerFactory jetty() {
    return new JettyServletWebServerFactory();
  }
}
