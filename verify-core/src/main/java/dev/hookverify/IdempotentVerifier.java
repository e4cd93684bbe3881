package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.internal.Sha256;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Verifies a webhook and then claims its delivery in an {@link IdempotencyStore}, so each delivery
 * is processed once: a replay or retry of a completed delivery is {@link
 * Reason#DUPLICATE_DELIVERY}, one still being processed is {@link Reason#DELIVERY_IN_PROGRESS}, and
 * a store failure is {@link Reason#IDEMPOTENCY_STORE_UNAVAILABLE} (fail closed: the sender retries,
 * nothing is lost).
 *
 * <pre>{@code
 * try (ClaimedDelivery delivery = idempotent.claim(request)) {
 *   handle(delivery.webhook());
 *   delivery.complete();
 * } // not completed (the handler threw): released, so the sender's retry is processed
 * }</pre>
 *
 * <p>The key deduplicated on is a function of the delivery, never of the path its proof took: the
 * delivery id when the signature covers it (Standard Webhooks' {@code webhook-id}, an id in a
 * signed body), else {@code content-} and the SHA-256 of exactly the bytes the signature covers. So
 * a replayer who adds, drops or changes unsigned headers, drops one of several signatures,
 * re-encodes a signature, malleates an ECDSA signature or falls back to a legacy scheme over the
 * same content gets {@link Reason#DUPLICATE_DELIVERY}, never a fresh key. With token proofs, which
 * sign nothing, it is the delivery id if sent, else a SHA-256 of the body. The key is {@code
 * provider:id}, or {@code provider:tenant:id} when keys are per tenant, so one tenant cannot claim
 * another's ids first.
 *
 * <p>Forgeries never reach the store: verification runs first. Instances are immutable and
 * thread-safe.
 */
public final class IdempotentVerifier {
  /** The default processing lease: 5 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /**
   * The default retention of completed deliveries: 31 days. It outlasts the longest documented
   * retry schedule of the registered senders that sign no timestamp, Adyen's (a retry queue worked
   * for up to 30 days, plus a day for the immediate retries and clock skew), so none of their
   * retries is processed twice; GitHub's manual redeliveries (3 days), Shopify's retries (4 hours),
   * Square's and SendGrid's (24 hours) and Mailgun's (8 hours) are well inside it.
   *
   * <p>A replay that comes after the retention is processed again unless a signed timestamp outside
   * its tolerance rejects it first: for senders without one (GitHub, Shopify, Twilio, Adyen,
   * Mailgun and SendGrid by default, and others), choose a retention as long as a replay matters to
   * you. Senders with a checked timestamp (Stripe, Standard Webhooks, Slack and others) reject such
   * a replay as too old.
   */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(31);

  private final WebhookVerifier verifier;
  private final IdempotencyStore store;
  private final Duration lease;
  private final Duration retention;
  private final boolean requireSignedId;

  private IdempotentVerifier(Builder b) {
    this.verifier = b.verifier;
    this.store = b.store;
    this.lease = b.lease;
    this.retention = b.retention;
    this.requireSignedId = b.requireSignedId;
  }

  /** A builder that verifies with {@code verifier} and claims in {@code store}. */
  public static Builder builder(WebhookVerifier verifier, IdempotencyStore store) {
    return new Builder(verifier, store);
  }

  /** The largest body accepted, in bytes: the verifier's; an HTTP adapter reads no further. */
  public int maxBodyBytes() {
    return verifier.maxBodyBytes();
  }

  /**
   * Verifies {@code request} and claims its delivery.
   *
   * @return the claimed delivery, to complete after processing and close in every case
   * @throws WebhookVerificationException if verification fails, the delivery is a duplicate or in
   *     progress, or the store is unavailable
   */
  public ClaimedDelivery claim(WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(request, "request");
    long start = verifier.startTimer();
    VerifiedWebhook webhook = null;
    try {
      webhook = verifier.verifyQuietly(request);
      if (requireSignedId && !webhook.isDeliveryIdSigned()) {
        throw new WebhookVerificationException(
            Reason.MISSING_DELIVERY_ID, "no signed delivery id to deduplicate on");
      }
      DeliveryKey key;
      try {
        key = webhook.deliveryKey();
      } catch (RuntimeException e) {
        // A key that cannot be formed is the verifier's failure, not the store's: say so.
        throw new WebhookVerificationException(
            Reason.VERIFIER_ERROR, "no delivery key can be formed for this delivery", e);
      }
      Claim claim = store.claim(key, lease);
      switch (claim.outcome()) {
        case NEW:
          verifier.notify(request, null, webhook.keyId(), webhook.tenant().orElse(null), start);
          return new ClaimedDelivery(webhook, claim, store, retention);
        case COMPLETED:
          throw new WebhookVerificationException(
              Reason.DUPLICATE_DELIVERY, "delivery was processed before");
        default:
          throw new WebhookVerificationException(
              Reason.DELIVERY_IN_PROGRESS, "delivery is being processed");
      }
    } catch (IdempotencyStoreException e) {
      WebhookVerificationException rejected =
          new WebhookVerificationException(
              Reason.IDEMPOTENCY_STORE_UNAVAILABLE, "idempotency store unavailable", e);
      notifyRejected(request, rejected, webhook, start);
      throw rejected;
    } catch (RuntimeException e) {
      WebhookVerificationException rejected =
          new WebhookVerificationException(
              Reason.IDEMPOTENCY_STORE_UNAVAILABLE, "idempotency store failed", e);
      notifyRejected(request, rejected, webhook, start);
      throw rejected;
    } catch (WebhookVerificationException e) {
      notifyRejected(request, e, webhook, start);
      throw e;
    }
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

  /** The key {@code webhook} is deduplicated on; see the class documentation. */
  static DeliveryKey deliveryKey(VerifiedWebhook webhook) {
    DeliveryId id = webhook.delivery().orElse(null);
    String value;
    if (id != null && id.isSigned()) {
      value = id.value();
    } else {
      Optional<byte[]> signed = webhook.authentication().signedContentDigest();
      if (signed.isPresent()) {
        value = "content-" + HexFormat.of().formatHex(signed.get());
      } else if (id != null) {
        value = id.value(); // nothing is signed (a token proof): the sender's id is all there is
      } else {
        value = "body-" + Sha256.hexOf(webhook.bodyBytes());
      }
    }
    Optional<String> tenant = webhook.tenant();
    return tenant.isPresent()
        ? DeliveryKey.of(webhook.provider(), tenant.get(), value)
        : DeliveryKey.of(webhook.provider(), value);
  }

  @Override
  public String toString() {
    return "IdempotentVerifier{" + verifier + ", lease=" + lease + ", retention=" + retention + "}";
  }

  /** Builds an {@link IdempotentVerifier}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final WebhookVerifier verifier;
    private final IdempotencyStore store;
    private Duration lease = DEFAULT_LEASE;
    private Duration retention = DEFAULT_RETENTION;
    private boolean requireSignedId;

    private Builder(WebhookVerifier verifier, IdempotencyStore store) {
      this.verifier = requireNonNull(verifier, "verifier");
      this.store = requireNonNull(store, "store");
    }

    /**
     * How long a claim blocks other attempts while its handler runs; after that a crashed handler's
     * delivery can be claimed again. Default 5 minutes; make it longer than the slowest handler.
     */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /**
     * How long completed deliveries are remembered; default 31 days ({@link #DEFAULT_RETENTION}).
     * Make it cover the sender's retry window and your timestamp tolerance. A longer retention than
     * a store can represent is kept for as long as it can (100 years), never wrapped around.
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
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
    public IdempotentVerifier build() {
      return new IdempotentVerifier(this);
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      // compareTo, not toMillis(): a Duration beyond Long.MAX_VALUE ms must not throw here; the
      // store keeps it for as long as it can.
      if (d.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException(what + " must be at least 1 ms");
      }
      return d;
    }
  }
}
