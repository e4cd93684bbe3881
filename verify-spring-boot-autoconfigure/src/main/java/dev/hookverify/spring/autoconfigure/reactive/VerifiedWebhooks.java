package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.VerifiedWebhook;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the {@link VerifiedWebhook} that {@link WebhookWebFilter} put on an exchange, for handlers
 * that do not take it as a parameter (functional endpoints, other filters):
 *
 * <pre>{@code
 * VerifiedWebhook webhook = VerifiedWebhooks.from(request.exchange()).orElseThrow();
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class VerifiedWebhooks {
  /** The exchange attribute holding the verified webhook: {@code VerifiedWebhook}'s class name. */
  public static final String ATTRIBUTE = VerifiedWebhook.class.getName();

  private VerifiedWebhooks() {}

  /** The verified webhook of {@code exchange}; empty if the filter did not verify it. */
  public static Optional<VerifiedWebhook> from(ServerWebExchange exchange) {
    Object webhook = exchange.getAttributes().get(ATTRIBUTE);
    return webhook instanceof VerifiedWebhook
        ? Optional.of((VerifiedWebhook) webhook)
        : Optional.empty();
  }
}
