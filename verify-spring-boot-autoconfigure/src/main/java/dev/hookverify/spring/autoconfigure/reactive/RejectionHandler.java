package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.Reason;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a webhook that {@link WebhookWebFilter} did not let through, for applications that must
 * answer in their own format (a voice platform that expects {@code <Hangup/>}, say). The request's
 * body may be partly read and must not be read again; the response is untouched.
 *
 * <p>Implementations must be thread-safe and must not block: they run on the thread that read the
 * body or verified it. An error signalled here propagates to WebFlux's error handling.
 */
@FunctionalInterface
public interface RejectionHandler {
  /** How long a sender should wait before retrying a 409 or a 503, in seconds. */
  int RETRY_AFTER_SECONDS = 5;

  /** Answers the rejection of {@code exchange}'s request for {@code reason}. */
  Mono<Void> reject(ServerWebExchange exchange, Reason reason);

  /**
   * The default: the {@link Reason#httpStatus() status} of the reason with no body, {@code
   * Cache-Control: no-store}, and {@code Retry-After} on 409 (in progress) and 503 (store or
   * verifier unavailable). A duplicate is a bare 200, so the sender stops retrying.
   */
  static RejectionHandler statusOnly() {
    return (exchange, reason) -> {
      ServerHttpResponse response = status(exchange, reason);
      response.getHeaders().setContentLength(0);
      return response.setComplete();
    };
  }

  /**
   * As {@link #statusOnly()}, with the reason's name ({@code SIGNATURE_MISMATCH}) as a {@code
   * text/plain} body: useful while integrating, but it tells a forger which check failed.
   */
  static RejectionHandler revealingReason() {
    return (exchange, reason) -> {
      ServerHttpResponse response = status(exchange, reason);
      byte[] text = reason.name().getBytes(StandardCharsets.US_ASCII);
      response
          .getHeaders()
          .setContentType(new MediaType("text", "plain", StandardCharsets.US_ASCII));
      response.getHeaders().setContentLength(text.length);
      return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(text)));
    };
  }

  private static ServerHttpResponse status(ServerWebExchange exchange, Reason reason) {
    ServerHttpResponse response = exchange.getResponse();
    int status = reason.httpStatus();
    response.setStatusCode(HttpStatusCode.valueOf(status));
    HttpHeaders headers = response.getHeaders();
    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    if (status == 409 || status == 503) {
      headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }
    return response;
  }
}
