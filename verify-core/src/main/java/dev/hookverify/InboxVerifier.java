package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.inbox.Acceptance;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.InboxException;

/**
 * Verifies a webhook and accepts it into a {@link DeliveryInbox}, so the sender can be acknowledged
 * at once and a worker processes the delivery later.
 *
 * <pre>{@code
 * try {
 *   inboxVerifier.accept(request); // stored and committed
 *   return 200;
 * } catch (WebhookVerificationException e) {
 *   if (e.reason() == Reason.DUPLICATE_DELIVERY) return 200; // stored before
 *   if (e.reason() == Reason.IDEMPOTENCY_STORE_UNAVAILABLE) return 503; // the sender retries
 *   return 401; // forged or malformed
 * }
 * }</pre>
 *
 * <p>{@link #accept} returns the verified webhook when it was stored now; a delivery stored before
 * is {@link Reason#DUPLICATE_DELIVERY} (answer 2xx), a database failure {@link
 * Reason#IDEMPOTENCY_STORE_UNAVAILABLE} (answer 503: the sender retries, nothing acknowledged is
 * lost). The delivery is stored under {@link VerifiedWebhook#deliveryKey()}, the same key {@link
 * IdempotentVerifier} claims, so replays with changed unsigned parts are duplicates. Forgeries
 * never reach the inbox: verification runs first.
 *
 * <p>The verifier's listener sees each attempt exactly once, with its outcome: a null reason when
 * the delivery was stored, else the reason it was refused. Instances are immutable and thread-safe.
 */
public final class InboxVerifier {
  private final WebhookVerifier verifier;
  private final DeliveryInbox inbox;
  private final boolean requireSignedId;

  private InboxVerifier(Builder b) {
    this.verifier = b.verifier;
    this.inbox = b.inbox;
    this.requireSignedId = b.requireSignedId;
  }

  /** A builder that verifies with {@code verifier} and stores into {@code inbox}. */
  public static Builder builder(WebhookVerifier verifier, DeliveryInbox inbox) {
    return new Builder(verifier, inbox);
  }

  /** The largest body accepted, in bytes: the verifier's; an HTTP adapter reads no further. */
  public int maxBodyBytes() {
    return verifier.maxBodyBytes();
  }

  /**
   * Verifies {@code request} and stores it in the inbox; once this returns, the delivery is
   * committed and the sender may be acknowledged.
   *
   * @return the verified webhook, stored now
   * @throws WebhookVerificationException if verification fails, the delivery was stored before
   *     ({@link Reason#DUPLICATE_DELIVERY}), or the inbox is unavailable ({@link
   *     Reason#IDEMPOTENCY_STORE_UNAVAILABLE})
   */
  public VerifiedWebhook accept(WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(request, "request");
    long start = verifier.startTimer();
    VerifiedWebhook webhook = null;
    try {
      webhook = verifier.verifyQuietly(request);
      if (requireSignedId && !webhook.isDeliveryIdSigned()) {
        throw new WebhookVerificationException(
            Reason.MISSING_DELIVERY_ID, "no signed delivery id to deduplicate on");
      }
      // The inbox forms the key itself (one SHA-256 of the signed content at most, not two).
      if (inbox.accept(webhook) == Acceptance.DUPLICATE) {
        throw new WebhookVerificationException(
            Reason.DUPLICATE_DELIVERY, "delivery was accepted before");
      }
      verifier.notify(request, null, webhook.keyId(), webhook.tenant().orElse(null), start);
      return webhook;
    } catch (InboxException e) {
      throw rejected(request, webhook, start, "delivery inbox unavailable", e);
    } catch (RuntimeException e) {
      throw rejected(request, webhook, start, "delivery inbox failed", e);
    } catch (WebhookVerificationException e) {
      notifyRejected(request, e, webhook, start);
      throw e;
    }
  }

  private WebhookVerificationException rejected(
      WebhookRequest request, VerifiedWebhook webhook, long start, String message, Exception e) {
    WebhookVerificationException rejected =
        new WebhookVerificationException(Reason.IDEMPOTENCY_STORE_UNAVAILABLE, message, e);
    notifyRejected(request, rejected, webhook, start);
    return rejected;
  }

  private void notifyRejected(
      WebhookRequest request, WebhookVerificationException e, VerifiedWebhook webhook, long start) {
    verifier.notify(
        request,
        e.reason(),
        webhook == null ? null : webhook.keyId(),
        webhook == null ? null : webhook.tenant().orElse(null),
        start);
  }

  @Override
  public String toString() {
    return "InboxVerifier{" + verifier + ", " + inbox + "}";
  }

  /** Builds an {@link InboxVerifier}. Not thread-safe. */
  public static final class Builder {
    private final WebhookVerifier verifier;
    private final DeliveryInbox inbox;
    private boolean requireSignedId;

    private Builder(WebhookVerifier verifier, DeliveryInbox inbox) {
      this.verifier = requireNonNull(verifier, "verifier");
      this.inbox = requireNonNull(inbox, "inbox");
    }

    /**
     * Rejects deliveries without a signed delivery id ({@link Reason#MISSING_DELIVERY_ID}) instead
     * of deriving a key from the signature: for senders that always sign one (Standard Webhooks),
     * so a sender's re-signed retry is never mistaken for a new delivery.
     */
    public Builder requireSignedDeliveryId() {
      this.requireSignedId = true;
      return this;
    }

    /** The verifier. */
    public InboxVerifier build() {
      return new InboxVerifier(this);
    }
  }
}
