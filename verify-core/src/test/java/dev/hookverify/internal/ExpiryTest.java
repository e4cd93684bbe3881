package dev.hookverify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void after_today_addsTheDuration() {
    Instant now = Instant.parse("2026-12-06T16:00:00Z");
    assertThat(Expiry.after(now, DAY, "ttl")).isEqualTo(now.plus(DAY));
  }

  @Test
  void after_endingOneNanosecondBeforeLatest_isNotCapped() {
    Instant now = Expiry.LATEST.minus(DAY).minusNanos(1);
    assertThat(Expiry.after(now, DAY, "ttl")).isEqualTo(Expiry.LATEST.minusNanos(1));
  }

  @Test
  void after_endingExactlyAtOrPastLatest_isLatest() {
    assertThat(Expiry.after(Expiry.LATEST.minus(DAY), DAY, "ttl")).isEqualTo(Expiry.LATEST);
    assertThat(Expiry.after(Expiry.LATEST.minusSeconds(1), DAY, "ttl")).isEqualTo(Expiry.LATEST);
    assertThat(Expiry.after(Expiry.LATEST, DAY, "ttl")).isEqualTo(Expiry.LATEST);
    assertThat(Expiry.after(Instant.MAX, DAY, "ttl")).isEqualTo(Expiry.LATEST);
  }

  @Test
  void after_longestDurationFromTheFarPast_addsOneHundredYears() {
    Instant now = Instant.parse("0001-01-01T00:00:00Z");
    assertThat(Expiry.after(now, Duration.ofSeconds(Long.MAX_VALUE), "retention"))
        .isEqualTo(now.plus(Expiry.LONGEST));
  }
}
