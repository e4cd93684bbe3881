package dev.hookverify.micrometer;

import static dev.hookverify.micrometer.MeteredIdempotencyStore.METER_NAME;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.ClaimOutcome;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MeteredIdempotencyStoreTest {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration RETENTION = Duration.ofDays(1);

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryIdempotencyStore memory = new InMemoryIdempotencyStore(1000);
  private final MeteredIdempotencyStore store =
      MeteredIdempotencyStore.of(memory, registry, "memory");
  private int keys;

  private DeliveryKey key() {
    return DeliveryKey.of("acme", "d-" + keys++);
  }

  private Timer timer(String operation, String outcome) {
    return registry
        .get(METER_NAME)
        .tags("store", "memory", "operation", operation, "outcome", outcome)
        .timer();
  }

  /** Every timer's count, as {@code operation/outcome}. */
  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    for (Timer t : registry.find(METER_NAME).timers()) {
      counts.put(t.getId().getTag("operation") + "/" + t.getId().getTag("outcome"), t.count());
    }
    return counts;
  }

  private static Map<String, Long> expected(long... eight) {
    String[] names = {
      "claim/completed", "claim/error", "claim/in_progress", "claim/new",
      "complete/completed", "complete/error", "release/error", "release/released"
    };
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      counts.put(names[i], eight[i]);
    }
    return counts;
  }

  @Test
  void of_registersAllEightTimersAtOnceWithDescriptions() {
    assertThat(counts()).isEqualTo(expected(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(registry.getMeters())
        .hasSize(8)
        .allSatisfy(
            meter -> {
              assertThat(meter.getId().getType()).isEqualTo(Meter.Type.TIMER);
              assertThat(meter.getId().getDescription()).isNotBlank();
              assertThat(meter.getId().getTag("store")).isEqualTo("memory");
            });
  }

  @Test
  void claim_freeHeldAndCompletedKey_recordsNewInProgressAndCompleted() throws Exception {
    DeliveryKey key = key();
    Claim first = store.claim(key, LEASE);
    assertThat(first.outcome()).isEqualTo(ClaimOutcome.NEW);
    assertThat(store.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    assertThat(store.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    store.complete(first, RETENTION);
    assertThat(store.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.COMPLETED);

    assertThat(counts()).isEqualTo(expected(1, 0, 2, 1, 1, 0, 0, 0));
  }

  @Test
  void release_afterAFailedHandler_recordsReleasedAndTheRetryWins() throws Exception {
    DeliveryKey key = key();
    Claim first = store.claim(key, LEASE);
    store.release(first);
    Claim retry = store.claim(key, LEASE);
    assertThat(retry.isWon()).isTrue();
    assertThat(retry.token()).isNotEqualTo(first.token());

    assertThat(counts()).isEqualTo(expected(0, 0, 0, 2, 0, 0, 0, 1));
  }

  @Test
  void operations_slowStore_recordTheirLatency() throws Exception {
    Duration delay = Duration.ofMillis(5);
    MeteredIdempotencyStore slow =
        MeteredIdempotencyStore.of(new SlowStore(memory, delay), registry, "slow");
    long start = System.nanoTime();
    Claim claim = slow.claim(key(), LEASE);
    slow.complete(claim, RETENTION);
    slow.release(slow.claim(key(), LEASE));
    long wall = System.nanoTime() - start;

    List<Timer> timers = new ArrayList<>(registry.find(METER_NAME).tag("store", "slow").timers());
    double recorded = timers.stream().mapToDouble(t -> t.totalTime(NANOSECONDS)).sum();
    assertThat(recorded).isGreaterThanOrEqualTo(4.0 * delay.toNanos()).isLessThanOrEqualTo(wall);
    Timer claimed = registry.get(METER_NAME).tags("store", "slow", "outcome", "new").timer();
    assertThat(claimed.count()).isEqualTo(2);
    assertThat(claimed.max(NANOSECONDS)).isGreaterThanOrEqualTo(delay.toNanos());
  }

  @Test
  void claim_storeFails_recordsErrorAndRethrowsTheSameException() {
    IdempotencyStoreException down = new IdempotencyStoreException("connection refused");
    MeteredIdempotencyStore failing =
        MeteredIdempotencyStore.of(new FailingStore(down), registry, "memory");
    assertThat(catchThrowable(() -> failing.claim(key(), LEASE))).isSameAs(down);
    assertThat(timer("claim", "error").count()).isEqualTo(1);
    assertThat(timer("claim", "error").totalTime(NANOSECONDS)).isPositive();
  }

  @Test
  void completeAndRelease_storeFails_recordErrorAndRethrowTheSameException() throws Exception {
    Claim claim = memory.claim(key(), LEASE);
    IdempotencyStoreException down = new IdempotencyStoreException("timed out");
    MeteredIdempotencyStore failing =
        MeteredIdempotencyStore.of(new FailingStore(down), registry, "memory");
    assertThat(catchThrowable(() -> failing.complete(claim, RETENTION))).isSameAs(down);
    assertThat(catchThrowable(() -> failing.release(claim))).isSameAs(down);
    assertThat(counts()).isEqualTo(expected(0, 0, 0, 0, 0, 1, 1, 0));
  }

  @Test
  void operations_storeThrowsRuntimeException_recordErrorAndRethrowIt() throws Exception {
    Claim claim = memory.claim(key(), LEASE);
    IllegalStateException broken = new IllegalStateException("pool closed");
    MeteredIdempotencyStore failing =
        MeteredIdempotencyStore.of(new FailingStore(broken), registry, "memory");
    assertThat(catchThrowable(() -> failing.claim(key(), LEASE))).isSameAs(broken);
    assertThat(catchThrowable(() -> failing.complete(claim, RETENTION))).isSameAs(broken);
    assertThat(catchThrowable(() -> failing.release(claim))).isSameAs(broken);
    assertThat(counts()).isEqualTo(expected(0, 1, 0, 0, 0, 1, 1, 0));
  }

  @Test
  void claimAndComplete_nonPositiveDuration_passIllegalArgumentThroughUnrecorded()
      throws Exception {
    DeliveryKey key = key();
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
      assertThatThrownBy(() -> store.claim(key, bad)).isInstanceOf(IllegalArgumentException.class);
    }
    Claim claim = store.claim(key, LEASE);
    assertThatThrownBy(() -> store.complete(claim, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    // The refused complete changed nothing: the key is still held.
    assertThat(store.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    assertThat(counts()).isEqualTo(expected(0, 0, 1, 1, 0, 0, 0, 0));
  }

  @Test
  void claim_storeAnswersNull_recordsErrorAndPassesTheNullOn() throws Exception {
    MeteredIdempotencyStore broken =
        MeteredIdempotencyStore.of(new FailingStore(null), registry, "memory");
    assertThat(broken.claim(key(), LEASE)).isNull();
    assertThat(counts()).isEqualTo(expected(0, 1, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void operations_manyCalls_reuseTheTimersRegisteredUpFront() throws Exception {
    List<Meter> before = new ArrayList<>(registry.getMeters());
    Timer won = timer("claim", "new");
    for (int i = 0; i < 300; i++) {
      DeliveryKey key = key();
      Claim claim = store.claim(key, LEASE);
      store.claim(key, LEASE);
      if (i % 2 == 0) {
        store.complete(claim, RETENTION);
      } else {
        store.release(claim);
      }
    }
    assertThat(registry.getMeters()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(timer("claim", "new")).isSameAs(won);
    assertThat(counts()).isEqualTo(expected(0, 0, 300, 300, 150, 0, 0, 150));
  }

  @Test
  void claim_leaseExpiredAndTakenOver_behavesAsTheWrappedStore() throws Exception {
    // A few steps of the core's store contract, through the wrapper, on a clock moved by hand.
    MovableClock clock = new MovableClock();
    MeteredIdempotencyStore timed =
        MeteredIdempotencyStore.of(new InMemoryIdempotencyStore(10, clock), registry, "clocked");
    DeliveryKey key = key();
    Claim stale = timed.claim(key, LEASE);
    clock.now = clock.now.plus(LEASE).plusMillis(1);
    Claim current = timed.claim(key, LEASE);
    assertThat(current.isWon()).isTrue();
    timed.release(stale);
    assertThat(timed.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    timed.complete(stale, RETENTION);
    assertThat(timed.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.IN_PROGRESS);
    timed.complete(current, RETENTION);
    assertThat(timed.claim(key, LEASE).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
    // A no-op release or complete of a taken-over claim still counts: the store answered.
    Timer completed =
        registry
            .get(METER_NAME)
            .tags("store", "clocked", "operation", "complete", "outcome", "completed")
            .timer();
    assertThat(completed.count()).isEqualTo(2);
  }

  @Test
  void claim_underAnIdempotentVerifier_agreesWithTheVerificationTimer() throws Exception {
    WebhookVerifier verifier =
        Deliveries.verifier(MicrometerVerificationListener.builder(registry, "acme-main").build());
    IdempotentVerifier idempotent = IdempotentVerifier.builder(verifier, store).build();
    for (int i = 0; i < 3; i++) {
      try (ClaimedDelivery delivery = idempotent.claim(Deliveries.signed("t-" + i, "d-" + i))) {
        if (i < 2) {
          delivery.complete(); // the third handler fails: its claim is released
        }
      }
    }
    // The delivery id is not signed: the content (timestamp and body) per tenant is the key.
    assertThatThrownBy(() -> idempotent.claim(Deliveries.signed("t-0", "d-0")))
        .isInstanceOf(WebhookVerificationException.class);

    assertThat(counts()).isEqualTo(expected(1, 0, 0, 3, 2, 0, 0, 1));
    Timer verifications =
        registry.get(MicrometerVerificationListener.METER_NAME).tags("outcome", "accepted").timer();
    assertThat(verifications.count()).isEqualTo(timer("claim", "new").count());
    assertThat(
            registry
                .get(MicrometerVerificationListener.METER_NAME)
                .tags("outcome", "duplicate")
                .timer()
                .count())
        .isEqualTo(timer("claim", "completed").count());
  }

  @Test
  void of_staticTags_areOnEveryMeter() {
    MeteredIdempotencyStore.of(memory, registry, "redis", Tags.of("region", "eu-west-1"));
    assertThat(registry.find(METER_NAME).tag("store", "redis").timers())
        .hasSize(8)
        .allSatisfy(t -> assertThat(t.getId().getTag("region")).isEqualTo("eu-west-1"));
  }

  @Test
  void of_badArguments_areRefusedAtOnce() {
    for (String key : List.of("store", "operation", "outcome")) {
      assertThatThrownBy(() -> MeteredIdempotencyStore.of(memory, registry, "m", Tags.of(key, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key);
    }
    assertThatThrownBy(() -> MeteredIdempotencyStore.of(memory, registry, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MeteredIdempotencyStore.of(null, registry, "m"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MeteredIdempotencyStore.of(memory, null, "m"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toString_namesTheStoreAndWhatItWraps() {
    assertThat(store.toString()).contains("memory").contains(memory.toString());
  }

  /** A store that fails every call with {@code failure}, or answers null if there is none. */
  private static final class FailingStore implements IdempotencyStore {
    private final Exception failure;

    FailingStore(Exception failure) {
      this.failure = failure;
    }

    private void fail() throws IdempotencyStoreException {
      if (failure instanceof IdempotencyStoreException) {
        throw (IdempotencyStoreException) failure;
      }
      if (failure != null) {
        throw (RuntimeException) failure;
      }
    }

    @Override
    public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
      fail();
      return null;
    }

    @Override
    public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
      fail();
    }

    @Override
    public void release(Claim claim) throws IdempotencyStoreException {
      fail();
    }
  }

  /** A store that answers as {@code inner} does, {@code delay} later. */
  private static final class SlowStore implements IdempotencyStore {
    private final IdempotencyStore inner;
    private final Duration delay;

    SlowStore(IdempotencyStore inner, Duration delay) {
      this.inner = inner;
      this.delay = delay;
    }

    private void pause() {
      long until = System.nanoTime() + delay.toNanos();
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }

    @Override
    public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
      pause();
      return inner.claim(key, ttl);
    }

    @Override
    public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
      pause();
      inner.complete(claim, retention);
    }

    @Override
    public void release(Claim claim) throws IdempotencyStoreException {
      pause();
      inner.release(claim);
    }
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2026-11-22T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
