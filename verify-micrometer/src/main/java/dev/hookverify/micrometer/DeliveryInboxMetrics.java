package dev.hookverify.micrometer;

import static java.util.Objects.requireNonNull;

import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.DeliveryStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Gauges of a {@link DeliveryInbox}'s deliveries by status ({@value #METER_NAME}, tagged {@code
 * status}: {@code pending}, {@code processing}, {@code completed}, {@code dead}), from {@link
 * DeliveryInbox#counts()}, so a dashboard shows the backlog and an alert fires on dead deliveries.
 *
 * <pre>{@code
 * DeliveryInboxMetrics.builder(inbox, "payments").build().bindTo(registry);
 * }</pre>
 *
 * <p><b>The database is not queried at scrape rate.</b> The counts are cached: a scrape reads them
 * from the database only when the last read is older than {@link Builder#minRefreshInterval}
 * (default 10 seconds), once for all four gauges, on the scraping thread; every other scrape
 * answers the cached counts. {@code counts()} is one {@code GROUP BY} over the inbox table, bounded
 * by the inbox's query timeout.
 *
 * <p><b>A failed read is NaN.</b> If {@code counts()} throws, every gauge answers NaN (no value)
 * until a later read succeeds, rather than the last counts, which would look current while the
 * database is down; the failure is cached for the interval too. Before the first read nothing is
 * cached, so the first scrape reads.
 *
 * <p>Every gauge is tagged {@code inbox}, the name given to {@link #builder}. Each registry the
 * binder is bound to keeps its own cache, timed by that registry's clock. Thread-safe and
 * immutable.
 */
public final class DeliveryInboxMetrics implements MeterBinder {
  /** The gauges' name. */
  public static final String METER_NAME = "hookverify.inbox.deliveries";

  /** The default minimum interval between two reads of the counts: 10 seconds. */
  public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);

  private static final List<String> RESERVED = List.of("inbox", "status");

  private final DeliveryInbox inbox;
  private final Tags tags;
  private final long intervalNanos;

  private DeliveryInboxMetrics(Builder b) {
    this.inbox = b.inbox;
    this.tags = b.tags.and("inbox", b.name);
    this.intervalNanos = b.interval.toNanos();
  }

  /**
   * A builder for gauges of {@code inbox}, tagged {@code inbox} with {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Builder builder(DeliveryInbox inbox, String name) {
    return new Builder(inbox, name);
  }

  /** Registers a gauge per status in {@code registry}, over one cache of the counts. */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    InboxCounts counts = new InboxCounts(inbox, intervalNanos, registry.config().clock());
    for (DeliveryStatus status : DeliveryStatus.values()) {
      Gauge.builder(METER_NAME, counts, c -> c.count(status))
          .description("Inbox deliveries by status, read at most once per refresh interval")
          .tags(tags)
          .tag("status", status.name().toLowerCase(Locale.ROOT))
          .strongReference(true) // the cache is referenced by the gauges alone
          .register(registry);
    }
  }

  @Override
  public String toString() {
    return "DeliveryInboxMetrics{" + tags + "}";
  }

  /** Builds {@link DeliveryInboxMetrics}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DeliveryInbox inbox;
    private final String name;
    private Tags tags = Tags.empty();
    private Duration interval = DEFAULT_MIN_REFRESH_INTERVAL;

    private Builder(DeliveryInbox inbox, String name) {
      this.inbox = requireNonNull(inbox, "inbox");
      this.name = StaticTags.value(name, "name");
    }

    /**
     * The least time between two reads of the counts from the database; default 10 seconds. Choose
     * one no shorter than the scrape interval unless every scrape should query.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder minRefreshInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("minRefreshInterval must be positive");
      }
      this.interval = interval;
      return this;
    }

    /**
     * Fixed tags added to every gauge; none by default.
     *
     * @throws IllegalArgumentException if a key is one these gauges set ({@code inbox}, {@code
     *     status})
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = StaticTags.of(tags, RESERVED);
      return this;
    }

    /** The gauges, registered when bound to a registry. */
    public DeliveryInboxMetrics build() {
      return new DeliveryInboxMetrics(this);
    }
  }
}
