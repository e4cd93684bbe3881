package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.inbox.DeliveryInbox;

/**
 * SKELETON (to be implemented): verifies a webhook and accepts it into a {@link DeliveryInbox}, so
 * the sender can be acknowledged at once and a worker processes the delivery later.
 *
 * <p>{@link #accept} returns the verified webhook when it was stored now; a delivery stored before
 * is {@link Reason#DUPLICATE_DELIVERY} (answered 2xx), a database failure {@link
 * Reason#IDEMPOTENCY_STORE_UNAVAILABLE} (503: the sender retries, nothing acknowledged is lost).
 * The verifier's listener sees each outcome once.
 */
public final class InboxVerifier {
  private final WebhookVerifier verifier;
  private final DeliveryInbox inbox;

  private InboxVerifier(Builder b) {
    this.verifier = b.verifier;
    this.inbox = b.inbox;
  }

  /** A builder that verifies with {@code verifier} and stores into {@code inbox}. */
  public static Builder builder(WebhookVerifier verifier, DeliveryInbox inbox) {
    return new Builder(verifier, inbox);
  }

  /** The largest body accepted, in bytes: the verifier's. */
  public int maxBodyBytes() {
    return verifier.maxBodyBytes();
  }

  /**
   * Verifies {@code request} and stores it in the inbox.
   *
   * @return the verified webhook, stored now
   * @throws WebhookVerificationException if verification fails, the delivery was stored before, or
   *     the inbox is unavailable
   */
  public VerifiedWebhook accept(WebhookRequest request) throws WebhookVerificationException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Builds an {@link InboxVerifier}. Not thread-safe. */
  public static final class Builder {
    private final WebhookVerifier verifier;
    private final DeliveryInbox inbox;

    private Builder(WebhookVerifier verifier, DeliveryInbox inbox) {
      this.verifier = requireNonNull(verifier, "verifier");
      this.inbox = requireNonNull(inbox, "inbox");
    }

    /** The verifier. */
    public InboxVerifier build() {
      return new InboxVerifier(this);
    }
  }
}
