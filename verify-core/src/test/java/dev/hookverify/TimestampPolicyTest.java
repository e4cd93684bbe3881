package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boundaries sit exactly on each limit and one unit past it, with a fixed clock. */
class TimestampPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00.500Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final long NOW_S = NOW.getEpochSecond();
  private static final long NOW_MS = NOW.toEpochMilli();

  private static Reason check(TimestampPolicy policy, String text) {
    try {
      policy.check(text, 0, text.length(), CLOCK);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void check_seconds_separatePastAndFutureLimitsExactlyAtTheBoundary() {
    TimestampPolicy policy =
        TimestampPolicy.seconds(Duration.ofSeconds(300), Duration.ofSeconds(60));
    assertThat(check(policy, Long.toString(NOW_S - 300))).isNull();
    assertThat(check(policy, Long.toString(NOW_S - 301))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(check(policy, Long.toString(NOW_S + 60))).isNull();
    assertThat(check(policy, Long.toString(NOW_S + 61))).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(check(policy, Long.toString(NOW_S))).isNull();
  }

  @Test
  void check_milliseconds_boundariesInMilliseconds() {
    TimestampPolicy policy =
        TimestampPolicy.milliseconds(Duration.ofMillis(5_000), Duration.ofMillis(1_000));
    assertThat(check(policy, Long.toString(NOW_MS - 5_000))).isNull();
    assertThat(check(policy, Long.toString(NOW_MS - 5_001))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(check(policy, Long.toString(NOW_MS + 1_000))).isNull();
    assertThat(check(policy, Long.toString(NOW_MS + 1_001))).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void check_returnsTheSignedInstant() throws Exception {
    TimestampPolicy policy = TimestampPolicy.secondsWithin(Duration.ofMinutes(5));
    String text = "x" + NOW_S + "y";
    assertThat(policy.check(text, 1, text.length() - 1, CLOCK))
        .isEqualTo(Instant.ofEpochSecond(NOW_S));
  }

  @Test
  void check_anythingButPlainDigits_isMalformed() {
    TimestampPolicy policy = TimestampPolicy.secondsWithin(Duration.ofMinutes(5));
    for (String text :
        List.of(
            "",
            " ",
            "+" + NOW_S,
            "-" + NOW_S,
            " " + NOW_S,
            NOW_S + " ",
            NOW_S + ".0",
            "1.7e9",
            "0x6a",
            "\u0661\u0662",
            "1".repeat(19),
            "9223372036854775808",
            "99999999999999999999999",
            NOW_S + "\u0000")) {
      assertThat(check(policy, text)).as("'%s'", text).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    }
  }

  @Test
  void check_negativeLookingHugeAndZeroValues_neverOverflowIntoAcceptance() {
    TimestampPolicy policy = TimestampPolicy.secondsWithin(Duration.ofMinutes(5));
    assertThat(check(policy, "0")).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(check(policy, "999999999999999999")).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(check(policy, "31556889864403199")).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    TimestampPolicy ms = TimestampPolicy.milliseconds(Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(check(ms, "999999999999999999")).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void build_zeroOrNegativeTolerance_refusedWithAPointerToTheExplicitSwitch() {
    assertThatThrownBy(() -> TimestampPolicy.secondsWithin(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("freshnessNotChecked");
    assertThatThrownBy(() -> TimestampPolicy.seconds(Duration.ofMinutes(5), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimestampPolicy.seconds(Duration.ofMillis(999), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimestampPolicy.milliseconds(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void freshnessNotChecked_acceptsAnyAgeButStillRequiresAWellFormedValue() {
    TimestampPolicy policy = TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS);
    assertThat(policy.isChecked()).isFalse();
    assertThat(check(policy, "1")).isNull();
    assertThat(check(policy, Long.toString(NOW_S + 86_400 * 365))).isNull();
    assertThat(check(policy, "1e9")).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(check(policy, "999999999999999999")).isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }
}
