package dev.hookverify.jaxrs;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.VerifiedWebhook;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * The {@link VerifiedWebhook} of a request, for filters and for resources that can inject the
 * {@link ContainerRequestContext}. Resources usually take it as their entity parameter instead (see
 * {@link HookverifyFeature}).
 *
 * <p>Stateless and thread-safe.
 */
public final class VerifiedWebhooks {
  /**
   * The request property holding the {@link VerifiedWebhook}: {@code
   * dev.hookverify.VerifiedWebhook}, as in the servlet filter's request attribute. In a servlet
   * container JAX-RS keeps request properties and servlet request attributes in step.
   */
  public static final String PROPERTY = VerifiedWebhook.class.getName();

  /**
   * The request property holding the {@link ClaimedDelivery} of an idempotent endpoint until the
   * response settles it: {@code dev.hookverify.ClaimedDelivery}. The response filter completes or
   * releases it; the application need not touch it.
   */
  public static final String CLAIM_PROPERTY = ClaimedDelivery.class.getName();

  private VerifiedWebhooks() {}

  /**
   * The webhook the request filter verified for {@code request}; empty if the request did not pass
   * through a {@link HookverifyEndpoint} (or was rejected there).
   */
  public static Optional<VerifiedWebhook> from(ContainerRequestContext request) {
    Object webhook = request.getProperty(PROPERTY);
    return webhook instanceof VerifiedWebhook
        ? Optional.of((VerifiedWebhook) webhook)
        : Optional.empty();
  }
}
