package dev.hookverify.jaxrs;

import dev.hookverify.Reason;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Answers a rejected webhook: the response a request gets when verification, deduplication or the
 * body limit refused it. The resource is not called.
 *
 * <p>The default, {@link #standard()}, answers {@link Reason#httpStatus()} with no body and {@code
 * Cache-Control: no-store}, plus {@code Retry-After: 5} for 409 and 503: a forger learns nothing
 * beyond the status, a duplicate of a processed delivery gets 200 so its sender stops retrying, and
 * a delivery in progress or a store outage is retried later. A custom handler may add a body (say
 * nothing a forger could use), log, count, or delegate to {@code standard()}.
 *
 * <p>Implementations must be thread-safe; they are called concurrently, once per rejected request,
 * and should not throw (a runtime exception falls back to the standard response).
 */
@FunctionalInterface
public interface RejectionHandler {
  /**
   * The response for a rejected request.
   *
   * @param request the request, whose entity stream must not be relied on
   * @param endpoint the {@link HookverifyEndpoint} name that rejected it
   * @param reason why it was rejected
   * @return the response to send; {@code null} means the standard one
   */
  Response reject(ContainerRequestContext request, String endpoint, Reason reason);

  /** The default handler: the status of {@code reason}, no body, never cached. */
  static RejectionHandler standard() {
    return StandardRejection.INSTANCE;
  }
}
