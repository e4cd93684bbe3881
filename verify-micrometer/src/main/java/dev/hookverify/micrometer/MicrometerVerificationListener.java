package dev.hookverify.micrometer;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.VerificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link VerificationListener} that times every verification in the timer {@value #METER_NAME}: a
 * count and the latency per endpoint, provider, outcome and reason.
 *
 * <pre>{@code
 * WebhookVerifier verifier = Stripe.builder(KeyRing.of(secret)) // or any WebhookVerifier.Builder
 *     .listener(MicrometerVerificationListener.builder(registry, "stripe-payments").build())
 *     .build();
 * }</pre>
 *
 * <p>Tags, every value bounded and never null:
 *
 * <ul>
 *   <li>{@code endpoint}: the name given to {@link #builder}, so two endpoints of one provider (two
 *       Stripe accounts) stay apart. Register one listener per endpoint.
 *   <li>{@code provider}: {@link VerificationEvent#provider()}, the verifier's configured name.
 *   <li>{@code outcome}: {@code accepted}; {@code duplicate} ({@link Reason#DUPLICATE_DELIVERY});
 *       {@code in_progress} ({@link Reason#DELIVERY_IN_PROGRESS}); {@code error} ({@link
 *       Reason#IDEMPOTENCY_STORE_UNAVAILABLE}, {@link Reason#VERIFIER_ERROR}: our side failed and
 *       the sender will retry); {@code rejected} (every other reason).
 *   <li>{@code reason}: the {@link Reason}'s name in lower case, such as {@code
 *       signature_mismatch}, or {@code none} when accepted.
 *   <li>{@code tenant} and {@code key.id}, only when turned on ({@link Builder#tenantTag}, {@link
 *       Builder#keyIdTag}); off by default. An event carries them only once the delivery
 *       authenticated, so their values come from your key configuration, not from the sender;
 *       still, each takes at most {@link Builder#maxTagValues} distinct values (default {@value
 *       #DEFAULT_MAX_TAG_VALUES}), after which it is {@code other}; {@code none} when the event has
 *       no value.
 * </ul>
 *
 * <p>Meters are registered once, never per event: with the tenant and key id tags off, the first
 * event of a provider registers its timer for each outcome and reason, and every event after that
 * indexes an array; with them on, each series is registered the first time it is seen and then
 * looked up. Histograms and percentiles are the registry's to configure, with a {@code MeterFilter}
 * on {@value #METER_NAME}.
 *
 * <p>Give every listener on one registry the same tag settings (tenant, key id, fixed tags): some
 * registries, Prometheus's among them, require one set of tag keys per meter name.
 *
 * <p>Instances are immutable in configuration and thread-safe; one listener may serve many
 * verifiers and threads.
 */
public final class MicrometerVerificationListener implements VerificationListener {
  /** The timer's name. */
  public static final String METER_NAME = "hookverify.verifications";

  /** The default limit on distinct tenant and key id tag values: 100 each. */
  public static final int DEFAULT_MAX_TAG_VALUES = 100;

  private static final String DESCRIPTION =
      "Webhook verifications: how many and how long, by outcome and reason";
  private static final List<String> RESERVED =
      List.of("endpoint", "provider", "outcome", "reason", "tenant", "key.id");
  private static final Reason[] REASONS = Reason.values();
  private static final int SLOTS = REASONS.length + 1;

  private final MeterRegistry registry;
  private final Tags tags;
  private final boolean tenantTag;
  private final boolean keyIdTag;
  private final BoundedTagValues tenants;
  private final BoundedTagValues keyIds;

  /** Per provider, its timers: slot 0 accepted, slot {@code ordinal + 1} each reason. */
  private final ConcurrentMap<String, Timer[]> byProvider = new ConcurrentHashMap<>();

  /** With tenant or key id tags on: each series seen so far. */
  private final ConcurrentMap<Series, Timer> bySeries = new ConcurrentHashMap<>();

  private MicrometerVerificationListener(Builder b) {
    this.registry = b.registry;
    this.tags = b.tags.and("endpoint", b.endpoint);
    this.tenantTag = b.tenantTag;
    this.keyIdTag = b.keyIdTag;
    this.tenants = new BoundedTagValues(b.maxTagValues);
    this.keyIds = new BoundedTagValues(b.maxTagValues);
  }

  /**
   * A builder for a listener that registers its meters in {@code registry} and tags them {@code
   * endpoint}.
   *
   * @throws IllegalArgumentException if {@code endpoint} is blank
   */
  public static Builder builder(MeterRegistry registry, String endpoint) {
    return new Builder(registry, endpoint);
  }

  /** Records {@code event} in its timer. */
  @Override
  public void onVerification(VerificationEvent event) {
    Reason reason = event.reason().orElse(null);
    int slot = reason == null ? 0 : reason.ordinal() + 1;
    Timer timer;
    if (tenantTag || keyIdTag) {
      timer = series(event, slot);
    } else {
      Timer[] timers = byProvider.get(event.provider());
      if (timers == null) {
        timers = byProvider.computeIfAbsent(event.provider(), this::register);
      }
      timer = timers[slot];
    }
    timer.record(event.elapsed());
  }

  /** A timer for each outcome and reason of {@code provider}. */
  private Timer[] register(String provider) {
    Timer[] timers = new Timer[SLOTS];
    for (int slot = 0; slot < SLOTS; slot++) {
      timers[slot] = timer(provider, slot).register(registry);
    }
    return timers;
  }

  /** The timer of {@code event}'s series, with its tenant and key id tags, registered once. */
  private Timer series(VerificationEvent event, int slot) {
    Series key =
        new Series(
            event.provider(),
            slot,
            tenantTag ? tenants.admit(event.tenant().orElse(null)) : null,
            keyIdTag ? keyIds.admit(event.keyId().orElse(null)) : null);
    Timer timer = bySeries.get(key);
    return timer != null ? timer : bySeries.computeIfAbsent(key, this::register);
  }

  private Timer register(Series series) {
    Timer.Builder builder = timer(series.provider(), series.slot());
    if (tenantTag) {
      builder.tag("tenant", series.tenant());
    }
    if (keyIdTag) {
      builder.tag("key.id", series.keyId());
    }
    return builder.register(registry);
  }

  private Timer.Builder timer(String provider, int slot) {
    Reason reason = slot == 0 ? null : REASONS[slot - 1];
    return Timer.builder(METER_NAME)
        .description(DESCRIPTION)
        .tags(tags)
        .tag("provider", provider)
        .tag("outcome", VerificationOutcome.of(reason).tag())
        .tag(
            "reason",
            reason == null ? BoundedTagValues.NONE : reason.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "MicrometerVerificationListener{"
        + tags
        + (tenantTag ? ", tenant" : "")
        + (keyIdTag ? ", key.id" : "")
        + "}";
  }

  /** One series when tenant or key id tags are on; a tag that is off is null here. */
  private record Series(String provider, int slot, String tenant, String keyId) {}

  /**
   * Builds a {@link MicrometerVerificationListener}; checks each input at once. Not thread-safe.
   */
  public static final class Builder {
    private final MeterRegistry registry;
    private final String endpoint;
    private Tags tags = Tags.empty();
    private boolean tenantTag;
    private boolean keyIdTag;
    private int maxTagValues = DEFAULT_MAX_TAG_VALUES;

    private Builder(MeterRegistry registry, String endpoint) {
      this.registry = requireNonNull(registry, "registry");
      this.endpoint = StaticTags.value(endpoint, "endpoint");
    }

    /**
     * Fixed tags added to every meter, such as an application or region; none by default. Tags
     * common to every meter of an application belong on the registry instead.
     *
     * @throws IllegalArgumentException if a key is one this listener sets ({@code endpoint}, {@code
     *     provider}, {@code outcome}, {@code reason}, {@code tenant}, {@code key.id})
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = StaticTags.of(tags, RESERVED);
      return this;
    }

    /**
     * Whether to tag the tenant ({@code tenant}); off by default. Each distinct tenant multiplies
     * the series, up to {@link #maxTagValues}.
     */
    public Builder tenantTag(boolean on) {
      this.tenantTag = on;
      return this;
    }

    /**
     * Whether to tag the id of the key that matched ({@code key.id}); off by default. Key ids churn
     * with rotation, each adding series, up to {@link #maxTagValues}.
     */
    public Builder keyIdTag(boolean on) {
      this.keyIdTag = on;
      return this;
    }

    /**
     * The most distinct values the tenant tag, and separately the key id tag, takes; later values
     * are tagged {@code other}. Default {@value
     * MicrometerVerificationListener#DEFAULT_MAX_TAG_VALUES}.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxTagValues(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTagValues must be at least 1");
      }
      this.maxTagValues = max;
      return this;
    }

    /** The listener. Its meters are registered as providers and series are first seen. */
    public MicrometerVerificationListener build() {
      return new MicrometerVerificationListener(this);
    }
  }
}
