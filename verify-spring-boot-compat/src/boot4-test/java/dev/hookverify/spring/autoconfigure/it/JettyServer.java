package dev.hookverify.spring.autoconfigure.it;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty instead of Tomcat (both are on the test class path), for Boot 4.x: the factory moved from
 * Boot 3's {@code org.springframework.boot.web.embedded.jetty} to {@code
 * org.springframework.boot.jetty.servlet}. With {@link TomcatServer}, what the Boot 4 lines do not
 * share with 3.5.
 */
@Configuration(proxyBeanMethods = false)
public class JettyServer {
  @Bean
  JettyServletWebServerFactory jetty() {
    return new JettyServletWebServerFactory();
  }
}
