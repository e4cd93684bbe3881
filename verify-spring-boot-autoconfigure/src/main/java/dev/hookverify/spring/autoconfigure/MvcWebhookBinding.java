package dev.hookverify.spring.autoconfigure;

import dev.hookverify.servlet.VerifiedWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Keeps Spring MVC's {@code @ModelAttribute} on a verified webhook to what was verified: no request
 * header is bound ({@link HeaderBinding}). Thread-safe (stateless).
 */
@ControllerAdvice
final class MvcWebhookBinding {
  /** On a verified webhook, binds no request header. */
  @InitBinder
  void bindNoHeadersOnAWebhook(WebDataBinder binder, HttpServletRequest request) {
    if (VerifiedWebhooks.from(request).isPresent()) {
      HeaderBinding.off(binder);
    }
  }
}
