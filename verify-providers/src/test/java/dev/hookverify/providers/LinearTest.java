package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Linear: the timestamp checked is the one every parser reads from the signed body. */
class LinearTest {
  private static final long NOW = 1_800_000_000L;
  private static final WebhookSecret SECRET = WebhookSecret.ofUtf8("lin-secret");
  private static final WebhookVerifier VERIFIER =
      Linear.builder(KeyRing.of(SECRET)).clock(at(NOW)).build();

  private static Reason verify(String body) {
    return reasonOf(VERIFIER, request(Linear.sign(SECRET, utf8(body)), utf8(body)));
  }

  @Test
  void verify_timestampNotOneEveryParserReads_rejected() {
    long fresh = NOW * 1000;
    long old = fresh - 3_600_000;
    Map<String, Reason> wrong = new LinkedHashMap<>();
    for (String body :
        List.of(
            // Jackson reads the first document's fresh timestamp, Gson refuses the body.
            "{\"webhookTimestamp\":" + fresh + "} {\"webhookTimestamp\":" + old + "}",
            "{\"webhookTimestamp\":" + fresh + "}x",
            // Text, a fraction, an exponent: not the JSON integer Linear sends.
            "{\"webhookTimestamp\":\"" + fresh + "\"}",
            "{\"webhookTimestamp\":" + fresh + ".0}",
            "{\"webhookTimestamp\":1.8e12}")) {
      Reason reason = verify(body);
      if (reason != Reason.MALFORMED_TIMESTAMP) {
        wrong.put(body, reason);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(verify("{\"webhookTimestamp\":" + fresh + "}")).isNull();
    assertThat(verify("{\"action\":\"create\"}")).isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void verify_timestampFarInThePastOrFuture_rejectedWithoutWrappingAround() {
    long now = NOW * 1000;
    // now - MIN_VALUE wraps to a negative age: a subtraction would call this delivery fresh.
    assertThat(verify("{\"webhookTimestamp\":" + (now + Long.MIN_VALUE) + "}"))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(verify("{\"webhookTimestamp\":" + Long.MAX_VALUE + "}"))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(verify("{\"webhookTimestamp\":" + (now - 60_000) + "}")).isNull();
    assertThat(verify("{\"webhookTimestamp\":" + (now - 60_001) + "}"))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }
}
