package dev.hookverify;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import java.time.Duration;

/**
 * A verified delivery that this caller holds in the idempotency store and must process. Call {@link
 * #complete()} after processing succeeded; {@link #close()} in every case (use try-with-resources),
 * which releases an uncompleted claim so the sender's retry is processed.
 *
 * <p>Not thread-safe: one request, one thread.
 */
public final class ClaimedDelivery implements AutoCloseable {
  private final VerifiedWebhook webhook;
  private final Claim claim;
  private final IdempotencyStore store;
  private final Duration retention;
  private boolean settled;

  ClaimedDelivery(
      VerifiedWebhook webhook, Claim claim, IdempotencyStore store, Duration retention) {
    this.webhook = webhook;
    this.claim = claim;
    this.store = store;
    this.retention = retention;
  }

  /** The verified webhook. */
  public VerifiedWebhook webhook() {
    return webhook;
  }

  /** The key the delivery is held under. */
  public String deliveryKey() {
    return claim.key().value();
  }

  /**
   * Records that the delivery was processed, so retries and replays are duplicates.
   *
   * @throws WebhookVerificationException {@link Reason#IDEMPOTENCY_STORE_UNAVAILABLE} if the store
   *     failed; the claim then expires after its lease and a retry may be processed again
   */
  public void complete() throws WebhookVerificationException {
    if (settled) {
      return;
    }
    try {
      store.complete(claim, retention);
      settled = true;
    } catch (IdempotencyStoreException | RuntimeException e) {
      throw new WebhookVerificationException(
          Reason.IDEMPOTENCY_STORE_UNAVAILABLE, "could not record completion", e);
    }
  }

  /**
   * Releases the claim unless {@link #complete()} succeeded. A store failure here is swallowed: the
   * claim then expires after its lease and the sender's later retry is processed.
   */
  @Override
  public void close() {
    if (settled) {
      return;
    }
    settled = true;
    try {
      store.release(claim);
    } catch (IdempotencyStoreException | RuntimeException e) {
      // The lease expires on its own; nothing is lost, the retry just waits for it.
    }
  }

  @Override
  public String toString() {
    return "ClaimedDelivery{" + claim + "}";
  }
}
