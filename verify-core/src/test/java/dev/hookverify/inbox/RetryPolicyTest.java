package dev.hookverify.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void default_isTenSecondsDoublingToAnHourTenAttemptsTwentyPercentJitter() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(p.maxAttempts()).isEqualTo(10);
    assertThat(p.jitter()).isEqualTo(0.2);
  }

  @Test
  void default_withoutJitter_deadAbout85MinutesAfterAcceptance() {
    // The class javadoc promises this schedule; a change to DEFAULT must change both.
    RetryPolicy p = RetryPolicy.DEFAULT.withJitter(0);
    List<Long> seconds = new ArrayList<>();
    for (int attempt = 1; !p.isLast(attempt); attempt++) {
      seconds.add(p.delayAfter(attempt, 0.5).toSeconds());
    }
    assertThat(seconds).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L);
    assertThat(seconds.stream().mapToLong(Long::longValue).sum()).isEqualTo(5110); // 85 min 10 s
  }

  @Test
  void delayAfter_noJitter_doublesThenStaysAtMax() {
    RetryPolicy p = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(1000));
    List<Long> millis = new ArrayList<>();
    for (int attempt = 1; attempt <= 7; attempt++) {
      millis.add(p.delayAfter(attempt, 0.999).toMillis());
    }
    assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
  }

  @Test
  void delayAfter_initialEqualsMax_isAFixedInterval() {
    RetryPolicy p = RetryPolicy.exponential(Duration.ofSeconds(5), Duration.ofSeconds(5));
    for (int attempt : new int[] {1, 2, 3, 30, 1000}) {
      assertThat(p.delayAfter(attempt, 0)).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void delayAfter_hugeAttempts_areMaxWithoutOverflow() {
    RetryPolicy tiny = RetryPolicy.exponential(Duration.ofMillis(1), RetryPolicy.LONGEST);
    RetryPolicy huge = RetryPolicy.exponential(RetryPolicy.LONGEST, RetryPolicy.LONGEST);
    List<String> wrong = new ArrayList<>();
    for (int attempt : new int[] {40, 41, 42, 62, 63, 64, 65, 1000, Integer.MAX_VALUE}) {
      Duration d = tiny.delayAfter(attempt, 0);
      // 2^41 ms is about 69.7 years, 2^42 ms past 100 years: from attempt 43 on, the cap.
      Duration expected =
          attempt <= 42 ? Duration.ofMillis(1L << (attempt - 1)) : RetryPolicy.LONGEST;
      if (!d.equals(expected)) {
        wrong.add("tiny " + attempt + ": " + d);
      }
      if (!huge.delayAfter(attempt, 0).equals(RetryPolicy.LONGEST)) {
        wrong.add("huge " + attempt + ": " + huge.delayAfter(attempt, 0));
      }
    }
    assertThat(tiny.delayAfter(43, 0)).isEqualTo(RetryPolicy.LONGEST);
    assertThat(wrong).isEmpty();
  }

  @Test
  void delayAfter_jitter_shortensByUpToTheFractionNeverLengthens() {
    RetryPolicy p =
        RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(40)).withJitter(0.25);
    assertThat(p.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayAfter(1, 0.5)).isEqualTo(Duration.ofMillis(8750));
    assertThat(p.delayAfter(1, 1)).isEqualTo(Duration.ofMillis(7500));
    assertThat(p.delayAfter(9, 1)).isEqualTo(Duration.ofSeconds(30)); // 75 % of the max
    List<String> outside = new ArrayList<>();
    for (int i = 0; i <= 1000; i++) {
      double r = i / 1000.0;
      for (int attempt = 1; attempt <= 5; attempt++) {
        long base = Math.min(10_000L << (attempt - 1), 40_000);
        long d = p.delayAfter(attempt, r).toMillis();
        if (d < base * 3 / 4 || d > base) {
          outside.add(attempt + "@" + r + "=" + d);
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void delayAfter_fullJitter_reachesZeroAtMost() {
    RetryPolicy p =
        RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)).withJitter(1);
    assertThat(p.delayAfter(1, 1)).isEqualTo(Duration.ZERO);
    assertThat(p.delayAfter(1, 0.999)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void exponential_subMillisecond_roundsUp() {
    RetryPolicy p =
        RetryPolicy.exponential(Duration.ofNanos(1_000_001), Duration.ofNanos(2_500_000));
    assertThat(p.initialDelay()).isEqualTo(Duration.ofMillis(2));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void isLast_trueFromMaxAttempts() {
    RetryPolicy p = RetryPolicy.DEFAULT.withMaxAttempts(3);
    assertThat(p.isLast(2)).isFalse();
    assertThat(p.isLast(3)).isTrue();
    assertThat(p.isLast(4)).isTrue();
    assertThat(RetryPolicy.DEFAULT.withMaxAttempts(1).isLast(1)).isTrue();
  }

  @Test
  void with_returnsANewPolicyAndLeavesTheOriginal() {
    RetryPolicy base = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1));
    RetryPolicy changed = base.withMaxAttempts(3).withJitter(0.5);
    assertThat(base.maxAttempts()).isEqualTo(10);
    assertThat(base.jitter()).isZero();
    assertThat(changed.maxAttempts()).isEqualTo(3);
    assertThat(changed.jitter()).isEqualTo(0.5);
    assertThat(changed).isNotEqualTo(base);
    assertThat(base.withMaxAttempts(3).withJitter(0.5))
        .isEqualTo(changed)
        .hasSameHashCodeAs(changed);
    assertThat(changed.toString()).contains("PT1S", "PT1M", "3 attempts", "0.5");
  }

  @Test
  void inputs_invalid_refusedAtOnce() {
    Duration s = Duration.ofSeconds(1);
    RetryPolicy p = RetryPolicy.DEFAULT;
    List<Runnable> bad =
        List.of(
            () -> RetryPolicy.exponential(Duration.ZERO, s),
            () -> RetryPolicy.exponential(Duration.ofMillis(-1), s),
            () -> RetryPolicy.exponential(Duration.ofNanos(999_999), s),
            () -> RetryPolicy.exponential(s, Duration.ofMillis(999)),
            () -> RetryPolicy.exponential(s, RetryPolicy.LONGEST.plusMillis(1)),
            () -> RetryPolicy.exponential(s, Duration.ofSeconds(Long.MAX_VALUE)),
            () -> p.withMaxAttempts(0),
            () -> p.withMaxAttempts(-1),
            () -> p.withJitter(-0.01),
            () -> p.withJitter(1.01),
            () -> p.withJitter(Double.NaN),
            () -> p.delayAfter(0, 0),
            () -> p.delayAfter(Integer.MIN_VALUE, 0),
            () -> p.delayAfter(1, -0.01),
            () -> p.delayAfter(1, 1.01),
            () -> p.delayAfter(1, Double.NaN));
    for (Runnable r : bad) {
      assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RetryPolicy.exponential(null, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RetryPolicy.exponential(s, null))
        .isInstanceOf(NullPointerException.class);
  }
}
