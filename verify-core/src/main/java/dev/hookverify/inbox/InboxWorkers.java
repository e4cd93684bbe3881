package dev.hookverify.inbox;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * SKELETON (to be implemented): a pool of worker threads that lease due deliveries from a {@link
 * DeliveryInbox}, run the {@link DeliveryHandler}, and complete, retry (with {@link RetryPolicy})
 * or bury each one. Several pools in several processes may share one inbox table.
 */
public final class InboxWorkers implements AutoCloseable {
  private InboxWorkers(Builder b) {}

  /** A builder for workers that process {@code inbox}'s deliveries with {@code handler}. */
  public static Builder builder(DeliveryInbox inbox, DeliveryHandler handler) {
    return new Builder(inbox, handler);
  }

  /** Stops leasing, waits for running handlers up to the builder's shutdown timeout. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Builds and starts {@link InboxWorkers}. Not thread-safe. */
  public static final class Builder {
    private final DeliveryInbox inbox;
    private final DeliveryHandler handler;

    private Builder(DeliveryInbox inbox, DeliveryHandler handler) {
      this.inbox = requireNonNull(inbox, "inbox");
      this.handler = requireNonNull(handler, "handler");
    }

    /** How many handlers run at once; default 4. */
    public Builder threads(int threads) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How long a leased delivery is this pool's; make it longer than the slowest handler. */
    public Builder lease(Duration lease) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** When to try again after a failure, and how many attempts before a delivery is dead. */
    public Builder retry(RetryPolicy retry) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How often idle workers look for due deliveries. */
    public Builder pollInterval(Duration interval) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** Starts the workers. */
    public InboxWorkers start() {
      return new InboxWorkers(this);
    }
  }
}
