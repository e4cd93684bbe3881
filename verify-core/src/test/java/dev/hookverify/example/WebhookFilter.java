package dev.hookverify.example;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * The README's servlet filter: verifies, deduplicates, and hands the handler a {@link
 * VerifiedWebhook} as a request attribute. {@code ServletEndToEndTest} runs it in Jetty.
 */
public final class WebhookFilter implements Filter {
  private static final int MAX_BODY_BYTES = WebhookVerifier.DEFAULT_MAX_BODY_BYTES;
  private final IdempotentVerifier verifier;

  public WebhookFilter(IdempotentVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String query = http.getQueryString();
    try {
      WebhookRequest request = WebhookRequest.builder()
          .method(http.getMethod())
          .uri(http.getRequestURL() + (query == null ? "" : "?" + query))
          .headers(name -> Collections.list(http.getHeaders(name)))
          .body(WebhookRequest.readBody(http.getInputStream(), MAX_BODY_BYTES))
          .build();
      try (ClaimedDelivery delivery = verifier.claim(request)) {
        http.setAttribute(VerifiedWebhook.class.getName(), delivery.webhook());
        chain.doFilter(req, res); // if the handler throws, close() releases the claim
        delivery.complete();
      }
    } catch (WebhookVerificationException e) {
      response.setStatus(e.reason().httpStatus()); // 401 with no body; 200 for a duplicate
    }
  }
}
