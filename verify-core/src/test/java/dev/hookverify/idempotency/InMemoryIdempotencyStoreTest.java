package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Signing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(10_000, clock);

  @Override
  IdempotencyStore store() {
    return store;
  }

  @Override
  Duration lease() {
    return Duration.ofMinutes(5);
  }

  @Override
  void advancePast(Duration d) {
    clock.advance(d.plusMillis(1));
  }

  @Test
  void claim_whenFullOfLiveKeys_failsClosedInsteadOfForgetting() throws Exception {
    InMemoryIdempotencyStore small = new InMemoryIdempotencyStore(2, clock);
    small.claim(DeliveryKey.of("p", "a"), Duration.ofMinutes(1));
    small.claim(DeliveryKey.of("p", "b"), Duration.ofMinutes(1));
    assertThatThrownBy(() -> small.claim(DeliveryKey.of("p", "c"), Duration.ofMinutes(1)))
        .isInstanceOf(IdempotencyStoreException.class);
    // The live keys are still remembered.
    assertThat(small.claim(DeliveryKey.of("p", "a"), Duration.ofMinutes(1)).isWon()).isFalse();
  }

  @Test
  void claim_afterTheClockWentBack_stillRemembersTheDelivery() throws Exception {
    // A clock stepped back (NTP, a VM resumed) only makes keys live longer: never a duplicate.
    DeliveryKey key = DeliveryKey.of("p", "backwards");
    store.complete(store.claim(key, Duration.ofMinutes(1)), Duration.ofHours(1));
    clock.advance(Duration.ofHours(-3));
    assertThat(store.claim(key, Duration.ofMinutes(1)).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
    clock.advance(Duration.ofHours(4));
    assertThat(store.claim(key, Duration.ofMinutes(1)).isWon()).isTrue();
  }

  @Test
  void claim_clockAtTheEndOfTime_saturatesInsteadOfWrapping() throws Exception {
    MutableClock late = new MutableClock(Instant.ofEpochMilli(Long.MAX_VALUE - 1_000));
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(10, late);
    DeliveryKey key = DeliveryKey.of("p", "late");
    store.complete(store.claim(key, Duration.ofMinutes(1)), Duration.ofDays(30));
    late.advance(Duration.ofMillis(500));
    assertThat(store.claim(key, Duration.ofMinutes(1)).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @Test
  void claim_whenFullOfExpiredKeys_sweepsThemAndAdmits() throws Exception {
    InMemoryIdempotencyStore small = new InMemoryIdempotencyStore(2, clock);
    small.claim(DeliveryKey.of("p", "a"), Duration.ofMinutes(1));
    small.claim(DeliveryKey.of("p", "b"), Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));
    assertThat(small.claim(DeliveryKey.of("p", "c"), Duration.ofMinutes(1)).isWon()).isTrue();
    assertThat(small.size()).isEqualTo(1);
  }
}
