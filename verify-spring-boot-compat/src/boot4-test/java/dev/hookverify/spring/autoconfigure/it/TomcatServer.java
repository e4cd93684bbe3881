package dev.hookverify.spring.autoconfigure.it;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat, chosen explicitly: with Jetty on the class path too, Boot 4 picks Jetty by default. For
 * Boot 4.x: the factory moved from Boot 3's {@code org.springframework.boot.web.embedded.tomcat} to
 * {@code org.springframework.boot.tomcat.servlet}.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatServer {
  @Bean
  TomcatServletWebServerFactory tomcat() {
    return new TomcatServletWebServerFactory();
  }
}
