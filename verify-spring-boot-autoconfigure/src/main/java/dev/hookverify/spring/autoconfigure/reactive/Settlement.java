package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.WebhookVerificationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Settles one claimed delivery by the handler's outcome, once: by the response status just before
 * the response is committed (or when the chain completes, if that comes first), so a sender never
 * sees a 2xx before its delivery is recorded as complete and a prompt retry is a duplicate, not "in
 * progress"; released on an error or a cancellation before that. Completed on a 2xx status (or none
 * set, which WebFlux answers as 200), released on any other. The store may block, so both run on
 * {@link Schedulers#boundedElastic()}. Thread-safe: the first settling call wins, so the claim,
 * which is not thread-safe, is touched once.
 */
final class Settlement {
  private final ClaimedDelivery delivery;
  private final ServerHttpResponse response;
  private final AtomicBoolean settled = new AtomicBoolean();

  private Settlement(ClaimedDelivery delivery, ServerHttpResponse response) {
    this.delivery = delivery;
    this.response = response;
  }

  /** A settlement of {@code delivery} that also runs before {@code response} is committed. */
  static Settlement of(ClaimedDelivery delivery, ServerHttpResponse response) {
    Settlement settlement = new Settlement(delivery, response);
    response.beforeCommit(settlement::byStatus);
    return settlement;
  }

  /** Completes the claim if the response status is 2xx, else releases it; once. */
  Mono<Void> byStatus() {
    if (!settled.compareAndSet(false, true)) {
      return Mono.empty();
    }
    HttpStatusCode status = response.getStatusCode();
    if (status != null && !status.is2xxSuccessful()) {
      return offTheEventLoop(delivery::close);
    }
    return offTheEventLoop(
        () -> {
          try {
            delivery.complete();
          } catch (WebhookVerificationException e) {
            // The handler's work is done and answered: the claim lapses after its lease.
          }
        });
  }

  /** Releases the claim, so the sender's retry is processed; nothing if already settled. */
  Mono<Void> release() {
    return settled.compareAndSet(false, true) ? offTheEventLoop(delivery::close) : Mono.empty();
  }

  private static Mono<Void> offTheEventLoop(Runnable storeCall) {
    return Mono.<Void>fromRunnable(storeCall).subscribeOn(Schedulers.boundedElastic());
  }
}
