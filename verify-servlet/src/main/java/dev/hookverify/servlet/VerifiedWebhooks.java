package dev.hookverify.servlet;

import dev.hookverify.VerifiedWebhook;
import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * Reads the {@link VerifiedWebhook} that {@link WebhookFilter} put on a request:
 *
 * <pre>{@code
 * VerifiedWebhook webhook = VerifiedWebhooks.from(request).orElseThrow();
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class VerifiedWebhooks {
  /** The request attribute holding the verified webhook: {@code VerifiedWebhook}'s class name. */
  public static final String ATTRIBUTE = VerifiedWebhook.class.getName();

  private VerifiedWebhooks() {}

  /** The verified webhook of {@code request}; empty if the filter did not verify it. */
  public static Optional<VerifiedWebhook> from(ServletRequest request) {
    Object webhook = request.getAttribute(ATTRIBUTE);
    return webhook instanceof VerifiedWebhook
        ? Optional.of((VerifiedWebhook) webhook)
        : Optional.empty();
  }
}
