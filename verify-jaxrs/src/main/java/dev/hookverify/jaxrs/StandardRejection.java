package dev.hookverify.jaxrs;

import dev.hookverify.Reason;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@link RejectionHandler#standard()}: a bare status. Stateless and thread-safe. */
enum StandardRejection implements RejectionHandler {
  INSTANCE;

  /** Seconds a sender is asked to wait before retrying a delivery in progress or a store outage. */
  static final String RETRY_AFTER_SECONDS = "5"; // as verify-servlet: a short wait, then the retry

  @Override
  public Response reject(ContainerRequestContext request, String endpoint, Reason reason) {
    return status(reason.httpStatus());
  }

  /** A bodiless, uncached response with {@code status}, and {@code Retry-After} if retryable. */
  static Response status(int status) {
    Response.ResponseBuilder response =
        Response.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (status == 409 || status == 503) {
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.build();
  }

  @Override
  public String toString() {
    return "RejectionHandler.standard()";
  }
}
