package dev.hookverify.servlet;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.WebhookVerificationException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settles one claimed delivery by the handler's outcome: completed on a 2xx answer, released on
 * anything else, on an exception, an async error or an async timeout. Settles once; the container
 * calls an async listener's methods one at a time.
 */
final class Settlement implements AsyncListener {
  private final ClaimedDelivery delivery;
  private final HttpServletResponse response;
  private boolean failed;

  Settlement(ClaimedDelivery delivery, HttpServletResponse response) {
    this.delivery = delivery;
    this.response = response;
  }

  /** Completes on a 2xx status, releases otherwise. */
  void settle() {
    int status = response.getStatus();
    if (status < 200 || status > 299) {
      release();
      return;
    }
    try {
      delivery.complete();
    } catch (WebhookVerificationException e) {
      // The handler's work is done and answered: the claim lapses after its lease instead.
    }
  }

  /** Releases the claim, so the sender's retry is processed. */
  void release() {
    delivery.close();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    if (!failed) {
      settle();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    failed = true;
    release();
  }

  @Override
  public void onError(AsyncEvent event) {
    failed = true;
    release();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A handler that starts async again: keep listening to the new cycle.
    event.getAsyncContext().addListener(this);
  }
}
