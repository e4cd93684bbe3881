package dev.hookverify.spring.autoconfigure.it;

import dev.hookverify.servlet.RejectionHandler;
import dev.hookverify.spring.autoconfigure.HookverifyEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security as docs/integrations.md documents it: CSRF and authentication stay on for the
 * application, and the webhook paths, whose senders prove themselves by signature, are exempted
 * explicitly. Also a rejection handler that names the reason, to show an application's own is used.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookSecurity {
  @Bean
  SecurityFilterChain security(HttpSecurity http, HookverifyEndpoints endpoints) throws Exception {
    http.csrf(csrf -> csrf.ignoringRequestMatchers(endpoints.paths()))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(endpoints.paths())
                    .permitAll()
                    // The error page a failing handler's 500 is rendered by; not permitted, a
                    // sender would see Security's 401 instead.
                    .requestMatchers("/error", "/hello")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  RejectionHandler revealingRejections() {
    return RejectionHandler.revealingReason();
  }
}
