package dev.hookverify.spring.autoconfigure.it;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat, chosen explicitly: with Jetty on the class path too, which server a Boot application gets
 * by default differs between lines (Boot 4 picks Jetty). Boot-3-specific, like {@link JettyServer}:
 * Boot 4 moved the factory to {@code org.springframework.boot.tomcat.servlet}.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatServer {
  @Bean
  TomcatServletWebServerFactory tomcat() {
    return new TomcatServletWebServerFactory();
  }
}
