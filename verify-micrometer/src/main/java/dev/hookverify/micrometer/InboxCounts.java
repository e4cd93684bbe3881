package dev.hookverify.micrometer;

import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.DeliveryStatus;
import dev.hookverify.inbox.InboxException;
import io.micrometer.core.instrument.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * An inbox's counts by status, read at most once per interval: a scrape reads the cached counts and
 * refreshes them only when they are older than the interval, so the database is asked once per
 * interval however often and however many gauges are scraped.
 *
 * <p>A failed read (an {@link InboxException}, or any other exception from the inbox) answers NaN
 * for every status until the next successful one, never a stale count that looks current; it is
 * cached for the interval like a success, so a database that is down is not asked at scrape rate
 * either. Thread-safe: one caller refreshes at a time; the others wait for its answer.
 */
final class InboxCounts {
  private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();

  private final DeliveryInbox inbox;
  private final long intervalNanos;
  private final Clock clock;
  private volatile Snapshot snapshot;

  InboxCounts(DeliveryInbox inbox, long intervalNanos, Clock clock) {
    this.inbox = inbox;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
  }

  /** The count of {@code status}, refreshed first if the last read is older than the interval. */
  double count(DeliveryStatus status) {
    Snapshot current = snapshot;
    if (current == null || clock.monotonicTime() - current.readAt >= intervalNanos) {
      current = refresh();
    }
    return current.counts[status.ordinal()];
  }

  private synchronized Snapshot refresh() {
    Snapshot current = snapshot;
    long now = clock.monotonicTime();
    if (current != null && now - current.readAt < intervalNanos) {
      return current; // another scrape refreshed it while this one waited
    }
    double[] counts = new double[STATUSES.length];
    try {
      Map<DeliveryStatus, Long> read = inbox.counts();
      for (DeliveryStatus status : STATUSES) {
        Long count = read == null ? null : read.get(status);
        counts[status.ordinal()] = count == null ? Double.NaN : count;
      }
    } catch (InboxException | RuntimeException e) {
      Arrays.fill(counts, Double.NaN); // unknown, not the last value: it may be stale
    }
    current = new Snapshot(now, counts);
    snapshot = current;
    return current;
  }

  private static final class Snapshot {
    final long readAt;
    final double[] counts;

    Snapshot(long readAt, double[] counts) {
      this.readAt = readAt;
      this.counts = counts;
    }
  }
}
