package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3339 timestamps (Twitch): boundaries to the millisecond, strict parsing. */
class TimestampPolicyRfc3339Test {
  private static final Instant NOW = Instant.parse("2019-11-16T10:11:12.634Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TimestampPolicy POLICY =
      TimestampPolicy.rfc3339(Duration.ofMinutes(10), Duration.ofMinutes(1));

  private static Reason check(String text) {
    try {
      POLICY.check(text, 0, text.length(), CLOCK);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void check_boundariesToTheMillisecond() {
    assertThat(check("2019-11-16T10:11:12.634234626Z")).isNull();
    assertThat(check("2019-11-16T10:01:12.634Z")).isNull();
    assertThat(check("2019-11-16T10:01:12.633Z")).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(check("2019-11-16T10:12:12.634Z")).isNull();
    assertThat(check("2019-11-16T10:12:12.635Z")).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(check("2019-11-16T11:11:12.634+01:00")).isNull();
  }

  @Test
  void check_anythingElse_isMalformed() {
    for (String text :
        List.of(
            "",
            "1573899072",
            "2019-11-16 10:11:12Z",
            "2019-11-16T10:11:12",
            "2019-13-16T10:11:12Z",
            "+999999999-12-31T23:59:59Z",
            "2019-11-16T10:11:12Z" + "0".repeat(60),
            "2019-11-16T10:11:12\u0000Z",
            // Forms java.time accepts and RFC 3339 does not: each is a prefix or an extension of
            // an RFC 3339 timestamp, so bytes could move between it and what is signed next to it.
            "2019-11-16T10:11:12+00",
            "2019-11-16T11:11:12+01",
            "2019-11-16T10:11:12+00:00:00",
            "2019-11-16T10:11:12.Z",
            "2019-11-16T10:11+00:00",
            "2019-11-16T10:11:12+0000")) {
      assertThat(check(text)).as(text).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    }
  }
}
