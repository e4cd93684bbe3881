package dev.hookverify.spring.autoconfigure.it;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/** No protection: an application without Spring Security, though it is on the test class path. */
@Configuration(proxyBeanMethods = false)
public class OpenSecurity {
  @Bean
  SecurityFilterChain open(HttpSecurity http) throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
