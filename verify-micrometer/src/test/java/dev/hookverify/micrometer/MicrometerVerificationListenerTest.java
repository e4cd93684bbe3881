package dev.hookverify.micrometer;

import static dev.hookverify.micrometer.MicrometerVerificationListener.METER_NAME;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MicrometerVerificationListenerTest {
  private static final int SERIES_PER_PROVIDER = Reason.values().length + 1;

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<VerificationEvent> events = new CopyOnWriteArrayList<>();

  /** {@code metrics}, with every event it is told also kept in {@link #events}. */
  private VerificationListener seen(VerificationListener metrics) {
    return event -> {
      events.add(event);
      metrics.onVerification(event);
    };
  }

  private MicrometerVerificationListener listener() {
    return MicrometerVerificationListener.builder(registry, "acme-main").build();
  }

  /** The outcome tag each reason must have: written out here, not derived from the code. */
  private static String expectedOutcome(Reason reason) {
    return switch (reason) {
      case DUPLICATE_DELIVERY -> "duplicate";
      case DELIVERY_IN_PROGRESS -> "in_progress";
      case IDEMPOTENCY_STORE_UNAVAILABLE, VERIFIER_ERROR -> "error";
      case MISSING_SIGNATURE,
          UNTRUSTED_CERTIFICATE_URL,
          UNTRUSTED_CERTIFICATE,
          MALFORMED_SIGNATURE,
          SIGNATURE_MISMATCH,
          MISSING_TIMESTAMP,
          MALFORMED_TIMESTAMP,
          TIMESTAMP_TOO_OLD,
          TIMESTAMP_IN_FUTURE,
          UNKNOWN_TENANT,
          NO_ACTIVE_KEY,
          BODY_TOO_LARGE,
          MISSING_DELIVERY_ID ->
          "rejected";
    };
  }

  private Timer timer(String outcome, String reason) {
    return registry
        .get(METER_NAME)
        .tags("endpoint", "acme-main", "provider", Deliveries.PROVIDER)
        .tags("outcome", outcome, "reason", reason)
        .timer();
  }

  private Collection<Timer> timers() {
    return registry.find(METER_NAME).timers();
  }

  private static long totalCount(Collection<Timer> timers) {
    return timers.stream().mapToLong(Timer::count).sum();
  }

  private static long nanos(List<VerificationEvent> events) {
    return events.stream().mapToLong(e -> e.elapsed().toNanos()).sum();
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void onVerification_eachReason_recordsOneEventUnderItsOutcomeAndReasonWithItsTime(Reason reason)
      throws Exception {
    Deliveries.end(reason, seen(listener()));

    VerificationEvent last = events.get(events.size() - 1);
    assertThat(last.reason()).contains(reason);
    Timer timer = timer(expectedOutcome(reason), reason.name().toLowerCase(Locale.ROOT));
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(NANOSECONDS)).isEqualTo((double) last.elapsed().toNanos());
    // Nothing else was recorded but the deliveries that led up to it, each accepted.
    assertThat(totalCount(timers())).isEqualTo(events.size());
    assertThat(timer("accepted", "none").count()).isEqualTo(events.size() - 1);
  }

  @Test
  void onVerification_accepted_recordsOutcomeAcceptedReasonNoneWithTheEventsTime()
      throws Exception {
    WebhookVerifier verifier = Deliveries.verifier(seen(listener()));
    for (int i = 0; i < 3; i++) {
      verifier.verify(Deliveries.signed("t-1", "d-" + i));
    }
    Timer accepted = timer("accepted", "none");
    assertThat(accepted.count()).isEqualTo(3);
    assertThat(accepted.totalTime(NANOSECONDS)).isEqualTo((double) nanos(events)).isPositive();
    assertThat(totalCount(timers())).isEqualTo(3);
  }

  @Test
  void onVerification_idempotentDeliveries_countsAcceptedDuplicateInProgressAndErrorApart()
      throws Exception {
    WebhookVerifier verifier = Deliveries.verifier(seen(listener()));
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(100)).build();
    try (ClaimedDelivery first = idempotent.claim(Deliveries.signed("t-1", "d-1"))) {
      rejected(() -> idempotent.claim(Deliveries.signed("t-1", "d-1")));
      first.complete();
    }
    rejected(() -> idempotent.claim(Deliveries.signed("t-1", "d-1")));
    rejected(() -> idempotent.claim(Deliveries.signed("t-1", "d-1")));
    IdempotentVerifier down =
        IdempotentVerifier.builder(verifier, new Deliveries.DownStore()).build();
    rejected(() -> down.claim(Deliveries.signed("t-1", "d-2")));

    assertThat(timer("accepted", "none").count()).isEqualTo(1);
    assertThat(timer("in_progress", "delivery_in_progress").count()).isEqualTo(1);
    assertThat(timer("duplicate", "duplicate_delivery").count()).isEqualTo(2);
    assertThat(timer("error", "idempotency_store_unavailable").count()).isEqualTo(1);
    assertThat(totalCount(timers())).isEqualTo(5).isEqualTo(events.size());
    double recorded = timers().stream().mapToDouble(t -> t.totalTime(NANOSECONDS)).sum();
    assertThat(recorded).isEqualTo((double) nanos(events));
  }

  @Test
  void onVerification_manyEvents_registersEachMeterOnceAndReusesTheTimer() throws Exception {
    WebhookVerifier verifier = Deliveries.verifier(listener());
    verifier.verify(Deliveries.signed("t-1", "d-0"));
    // The first event of a provider registers its series for every outcome and reason.
    assertThat(registry.getMeters()).hasSize(SERIES_PER_PROVIDER);
    List<Meter> before = new ArrayList<>(registry.getMeters());
    Timer accepted = timer("accepted", "none");

    for (int i = 0; i < 500; i++) {
      verifier.verify(Deliveries.signed("t-" + i, "d-" + i));
      rejected(() -> verifier.verify(Deliveries.rejectedFor(Reason.SIGNATURE_MISMATCH)));
    }

    assertThat(registry.getMeters()).hasSize(SERIES_PER_PROVIDER);
    assertThat(registry.getMeters()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(timer("accepted", "none")).isSameAs(accepted);
    assertThat(accepted.count()).isEqualTo(501);
    assertThat(timer("rejected", "signature_mismatch").count()).isEqualTo(500);
  }

  @Test
  void onVerification_tagsOff_neverTagsTenantOrKeyId() throws Exception {
    WebhookVerifier verifier = Deliveries.verifier(listener());
    for (int i = 0; i < 20; i++) {
      verifier.verify(Deliveries.signed("t-" + i, "d-" + i));
    }
    assertThat(registry.getMeters())
        .hasSize(SERIES_PER_PROVIDER)
        .allSatisfy(
            meter -> {
              assertThat(meter.getId().getTag("tenant")).isNull();
              assertThat(meter.getId().getTag("key.id")).isNull();
              assertThat(meter.getId().getTags())
                  .extracting(Tag::getKey)
                  .containsExactlyInAnyOrder("endpoint", "provider", "outcome", "reason");
            });
    assertThat(timer("accepted", "none").count()).isEqualTo(20);
  }

  @Test
  void onVerification_tenantAndKeyIdTagsOn_tagsTheValuesAndNoneWhenAbsent() throws Exception {
    WebhookVerifier verifier =
        Deliveries.verifier(
            MicrometerVerificationListener.builder(registry, "acme-main")
                .tenantTag(true)
                .keyIdTag(true)
                .build());
    verifier.verify(Deliveries.signed("t-1", "d-1"));
    verifier.verify(Deliveries.signed("t-1", "d-2"));
    rejected(() -> verifier.verify(Deliveries.rejectedFor(Reason.SIGNATURE_MISMATCH)));

    Timer acme = registry.get(METER_NAME).tags("outcome", "accepted", "tenant", "t-1").timer();
    assertThat(acme.getId().getTag("key.id")).isEqualTo("k-t-1");
    assertThat(acme.count()).isEqualTo(2);
    // A rejection is reported before the tenant is trusted: no tenant, no key.
    Timer mismatch = registry.get(METER_NAME).tags("reason", "signature_mismatch").timer();
    assertThat(mismatch.getId().getTag("tenant")).isEqualTo("none");
    assertThat(mismatch.getId().getTag("key.id")).isEqualTo("none");
    // Series are registered as seen, not ahead: with these tags on, nothing else exists.
    assertThat(timers()).hasSize(2);
  }

  @Test
  void onVerification_tenantTagOnly_tagsTenantButNotKeyId() throws Exception {
    WebhookVerifier verifier =
        Deliveries.verifier(
            MicrometerVerificationListener.builder(registry, "acme-main").tenantTag(true).build());
    verifier.verify(Deliveries.signed("t-1", "d-1"));
    assertThat(timers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getId().getTag("tenant")).isEqualTo("t-1");
              assertThat(t.getId().getTag("key.id")).isNull();
            });
  }

  @Test
  void onVerification_manyDistinctTenantsAndKeyIds_boundsTheSeries() throws Exception {
    WebhookVerifier verifier =
        Deliveries.verifier(
            MicrometerVerificationListener.builder(registry, "acme-main")
                .tenantTag(true)
                .keyIdTag(true)
                .build());
    int tenants = 3 * MicrometerVerificationListener.DEFAULT_MAX_TAG_VALUES;
    for (int i = 0; i < tenants; i++) {
      verifier.verify(Deliveries.signed("t-" + i, "d-" + i));
    }
    // 100 tenants as themselves (each with its one key), then every later one as other/other.
    assertThat(timers()).hasSize(MicrometerVerificationListener.DEFAULT_MAX_TAG_VALUES + 1);
    assertThat(registry.get(METER_NAME).tags("tenant", "other", "key.id", "other").timer().count())
        .isEqualTo(tenants - MicrometerVerificationListener.DEFAULT_MAX_TAG_VALUES);
    assertThat(registry.get(METER_NAME).tags("tenant", "t-99", "key.id", "k-t-99").timer().count())
        .isEqualTo(1);
    assertThat(registry.find(METER_NAME).tag("tenant", "t-100").timers()).isEmpty();
    assertThat(totalCount(timers())).isEqualTo(tenants);
  }

  @Test
  void onVerification_smallerLimit_isApplied() throws Exception {
    WebhookVerifier verifier =
        Deliveries.verifier(
            MicrometerVerificationListener.builder(registry, "acme-main")
                .tenantTag(true)
                .maxTagValues(2)
                .build());
    for (int i = 0; i < 10; i++) {
      verifier.verify(Deliveries.signed("t-" + i, "d-" + i));
    }
    assertThat(timers())
        .extracting(t -> t.getId().getTag("tenant"))
        .containsExactlyInAnyOrder("t-0", "t-1", "other");
  }

  @Test
  void onVerification_twoEndpointsOfOneProvider_keepTheirSeriesApart() throws Exception {
    WebhookVerifier main = Deliveries.verifier(listener());
    WebhookVerifier other =
        Deliveries.verifier(MicrometerVerificationListener.builder(registry, "acme-eu").build());
    main.verify(Deliveries.signed("t-1", "d-1"));
    other.verify(Deliveries.signed("t-1", "d-1"));
    other.verify(Deliveries.signed("t-1", "d-2"));
    assertThat(timer("accepted", "none").count()).isEqualTo(1);
    assertThat(
            registry
                .get(METER_NAME)
                .tags("endpoint", "acme-eu", "outcome", "accepted")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(registry.getMeters()).hasSize(2 * SERIES_PER_PROVIDER);
  }

  @Test
  void build_staticTags_areOnEveryMeterWithADescription() throws Exception {
    Deliveries.verifier(
            MicrometerVerificationListener.builder(registry, "acme-main")
                .tags(Tags.of("region", "eu-west-1"))
                .build())
        .verify(Deliveries.signed("t-1", "d-1"));
    assertThat(registry.getMeters())
        .hasSize(SERIES_PER_PROVIDER)
        .allSatisfy(
            meter -> {
              assertThat(meter.getId().getTag("region")).isEqualTo("eu-west-1");
              assertThat(meter.getId().getDescription()).isNotBlank();
              assertThat(meter.getId().getType()).isEqualTo(Meter.Type.TIMER);
            });
  }

  @Test
  void builder_reservedTagKey_isRefused() {
    for (String key : List.of("endpoint", "provider", "outcome", "reason", "tenant", "key.id")) {
      assertThatThrownBy(
              () ->
                  MicrometerVerificationListener.builder(registry, "acme-main")
                      .tags(Tags.of(key, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key);
    }
  }

  @Test
  void builder_badArguments_areRefusedAtOnce() {
    assertThatThrownBy(() -> MicrometerVerificationListener.builder(registry, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MicrometerVerificationListener.builder(registry, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MicrometerVerificationListener.builder(null, "acme-main"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> MicrometerVerificationListener.builder(registry, "acme-main").maxTagValues(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private interface Rejected {
    Object run() throws WebhookVerificationException;
  }

  private static void rejected(Rejected call) {
    assertThatThrownBy(call::run).isInstanceOf(WebhookVerificationException.class);
  }
}
