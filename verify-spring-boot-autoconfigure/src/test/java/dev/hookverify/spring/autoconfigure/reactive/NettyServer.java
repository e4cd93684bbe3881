package dev.hookverify.spring.autoconfigure.reactive;

import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty for the reactive applications: Tomcat and Jetty are on the test class path too, for
 * the servlet applications, and Boot would otherwise serve WebFlux from Tomcat. Boot-3-specific:
 * Boot 4 moved the factory to {@code org.springframework.boot.reactor.netty}.
 */
@Configuration(proxyBeanMethods = false)
public class NettyServer {
  @Bean
  NettyReactiveWebServerFactory netty() {
    return new NettyReactiveWebServerFactory();
  }
}
