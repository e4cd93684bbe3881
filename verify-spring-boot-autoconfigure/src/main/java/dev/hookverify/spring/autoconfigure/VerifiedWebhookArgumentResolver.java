package dev.hookverify.spring.autoconfigure;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.servlet.VerifiedWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a Spring MVC handler argument of type {@link VerifiedWebhook} (or {@code
 * Optional<VerifiedWebhook>}) to the webhook the endpoint's filter verified:
 *
 * <pre>{@code
 * @PostMapping("/webhooks/stripe")
 * ResponseEntity<Void> stripe(VerifiedWebhook webhook) { ... }
 * }</pre>
 *
 * <p>A {@code VerifiedWebhook} argument on a path no endpoint covers is a programming error and
 * fails the request with an {@link IllegalStateException}; use {@code Optional} where both can
 * happen. Thread-safe (stateless).
 */
public final class VerifiedWebhookArgumentResolver implements HandlerMethodArgumentResolver {
  /** A resolver; the servlet auto-configuration registers one. */
  public VerifiedWebhookArgumentResolver() {}

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == VerifiedWebhook.class
        || (parameter.getParameterType() == Optional.class
            && parameter.nestedIfOptional().getNestedParameterType() == VerifiedWebhook.class);
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Optional<VerifiedWebhook> webhook =
        request == null ? Optional.empty() : VerifiedWebhooks.from(request);
    if (parameter.getParameterType() == Optional.class) {
      return webhook;
    }
    return webhook.orElseThrow(
        () ->
            new IllegalStateException(
                "No verified webhook for "
                    + parameter.getExecutable()
                    + ": no hookverify.endpoints.<name>.path covers this request's path"));
  }
}
