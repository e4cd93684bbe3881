package dev.hookverify.spring.autoconfigure.reactive;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty for the reactive applications on Boot 4, which moved the factory here from Boot 3's
 * {@code org.springframework.boot.web.embedded.netty}; Tomcat and Jetty are on the class path too,
 * for the servlet applications.
 */
@Configuration(proxyBeanMethods = false)
public class NettyServer {
  @Bean
  NettyReactiveWebServerFactory netty() {
    return new NettyReactiveWebServerFactory();
  }
}
