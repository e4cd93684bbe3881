package dev.hookverify.micrometer;

import static java.util.Objects.requireNonNull;

import dev.hookverify.audit.AuditTrail;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Meters for an {@link AuditTrail}: what became of its records, and how full its queue is, so a
 * dashboard sees a flood being dropped and an alert fires when the database refuses the trail.
 *
 * <pre>{@code
 * AuditTrailMetrics.of(auditTrail).bindTo(registry);
 * }</pre>
 *
 * <ul>
 *   <li>{@value #RECORDS} (function counter), tagged {@code result}: {@code written} (inserted),
 *       {@code dropped} (the queue was full, or the trail closed), {@code failed} (the database
 *       refused their batch or gave no connection), {@code sampled_out} (rejections beyond the
 *       per-second budget). Each record counts once, in one result.
 *   <li>{@value #PENDING} (gauge): records queued and not yet taken by the writer.
 *   <li>{@value #CAPACITY} (gauge): the most records the queue holds, so {@code pending / capacity}
 *       is how full it is.
 * </ul>
 *
 * <p>Every meter is tagged {@code table}, the trail's table, so two trails stay apart. The meters
 * read the trail's counters when the registry is scraped; recording costs nothing extra. Thread-
 * safe and immutable.
 */
public final class AuditTrailMetrics implements MeterBinder {
  /** The function counter of records by result. */
  public static final String RECORDS = "hookverify.audit.records";

  /** The gauge of queued records. */
  public static final String PENDING = "hookverify.audit.pending";

  /** The gauge of the queue's capacity. */
  public static final String CAPACITY = "hookverify.audit.capacity";

  private static final List<String> RESERVED = List.of("table", "result");

  private final AuditTrail trail;
  private final Tags tags;

  private AuditTrailMetrics(AuditTrail trail, Tags tags) {
    this.trail = trail;
    this.tags = tags.and("table", trail.table());
  }

  /** Meters for {@code trail}. */
  public static AuditTrailMetrics of(AuditTrail trail) {
    return of(trail, Tags.empty());
  }

  /**
   * Meters for {@code trail}, with the fixed {@code tags} added to each.
   *
   * @throws IllegalArgumentException if a key of {@code tags} is one these meters set ({@code
   *     table}, {@code result})
   */
  public static AuditTrailMetrics of(AuditTrail trail, Iterable<Tag> tags) {
    return new AuditTrailMetrics(requireNonNull(trail, "trail"), StaticTags.of(tags, RESERVED));
  }

  /** Registers the meters in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    counter(registry, "written", AuditTrail::written);
    counter(registry, "dropped", AuditTrail::dropped);
    counter(registry, "failed", AuditTrail::failed);
    counter(registry, "sampled_out", AuditTrail::sampledOut);
    Gauge.builder(PENDING, trail, AuditTrail::pending)
        .description("Audit records queued and not yet taken by the writer")
        .tags(tags)
        .strongReference(true)
        .register(registry);
    Gauge.builder(CAPACITY, trail, AuditTrail::capacity)
        .description("The most audit records queued at once")
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private void counter(MeterRegistry registry, String result, ToDoubleFunction<AuditTrail> count) {
    FunctionCounter.builder(RECORDS, trail, count)
        .description("Audit records by what became of them: written, dropped, failed, sampled out")
        .tags(tags)
        .tag("result", result)
        .register(registry);
  }

  @Override
  public String toString() {
    return "AuditTrailMetrics{" + tags + "}";
  }
}
