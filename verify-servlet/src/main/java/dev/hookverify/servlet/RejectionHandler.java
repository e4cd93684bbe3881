package dev.hookverify.servlet;

import dev.hookverify.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a webhook that {@link WebhookFilter} did not let through, for applications that must
 * answer in their own format (a voice platform that expects {@code <Hangup/>}, say). The request's
 * body may be partly read; the response is untouched.
 *
 * <p>Implementations must be thread-safe. An exception thrown here propagates to the container.
 */
@FunctionalInterface
public interface RejectionHandler {
  /** How long a sender should wait before retrying a 409 or a 503, in seconds. */
  int RETRY_AFTER_SECONDS = 5;

  /**
   * Answers the rejection of {@code request} for {@code reason}.
   *
   * @throws IOException if writing the response fails
   */
  void reject(HttpServletRequest request, HttpServletResponse response, Reason reason)
      throws IOException;

  /**
   * The default: the {@link Reason#httpStatus() status} of the reason with no body, {@code
   * Cache-Control: no-store}, and {@code Retry-After} on 409 (in progress) and 503 (store or
   * verifier unavailable). A duplicate is a bare 200, so the sender stops retrying.
   */
  static RejectionHandler statusOnly() {
    return (request, response, reason) -> {
      int status = reason.httpStatus();
      response.setStatus(status);
      response.setHeader("Cache-Control", "no-store");
      if (status == 409 || status == 503) {
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      }
      response.setContentLength(0);
    };
  }

  /**
   * As {@link #statusOnly()}, with the reason's name ({@code SIGNATURE_MISMATCH}) as a {@code
   * text/plain} body: useful while integrating, but it tells a forger which check failed.
   */
  static RejectionHandler revealingReason() {
    RejectionHandler status = statusOnly();
    return (request, response, reason) -> {
      status.reject(request, response, reason);
      byte[] text = reason.name().getBytes(StandardCharsets.US_ASCII);
      response.setContentType("text/plain;charset=US-ASCII");
      response.setContentLength(text.length);
      response.getOutputStream().write(text);
    };
  }
}
