package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retell's vector and its header's hostile shapes. */
class RetellTest {
  private static final long TS = 1_700_000_000_000L;
  private static final byte[] BODY = utf8("{\"event\":\"call_ended\"}");
  private static final String HEX =
      "07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e";
  private static final String HEADER = "v=" + TS + ",d=" + HEX;

  private static WebhookVerifier at(long millis) {
    return Retell.builder(dev.hookverify.KeyRing.of(WebhookSecret.ofUtf8("test-api-key")))
        .clock(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC))
        .build();
  }

  private static Reason verify(WebhookVerifier verifier, String header, byte[] body) {
    return reasonOf(verifier, request(Map.of("x-retell-signature", header), body));
  }

  @Test
  void verify_bodyZerosMovedIntoTheTimestamp_isRefused() {
    // Attack: body and v are joined without a separator, and "017..." reads as the same instant
    // as "17...". A body ending in zeros could give them to v: another body, the same signature.
    WebhookSecret key = WebhookSecret.ofUtf8("test-api-key");
    byte[] body = utf8("{\"amount\":1}\n100");
    Map<String, String> genuine = Retell.sign(key, TS, body);
    assertThat(reasonOf(at(TS), request(genuine, body))).isNull();
    String tag = genuine.get(Retell.SIGNATURE_HEADER).split(",d=")[1];
    assertThat(verify(at(TS), "v=0" + TS + ",d=" + tag, utf8("{\"amount\":1}\n10")))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(verify(at(TS), "v=00" + TS + ",d=" + tag, utf8("{\"amount\":1}\n1")))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    // A digit moved the other way changes v by at least 10^12 ms, beyond the widest tolerance.
    WebhookVerifier widest =
        Retell.builder(
                dev.hookverify.KeyRing.of(key),
                ProviderOptions.builder().tolerance(java.time.Duration.ofDays(366)).build())
            .clock(Clock.fixed(Instant.ofEpochMilli(TS), ZoneOffset.UTC))
            .build();
    assertThat(reasonOf(widest, request(genuine, body))).isNull();
    assertThat(verify(widest, "v=0" + TS + ",d=" + tag, utf8("{\"amount\":1}\n10"))).isNotNull();
    assertThat(verify(widest, "v=" + TS + "0,d=" + tag, body)).isNotNull();
  }

  /**
   * OFFICIAL: RetellAI/retell-typescript-sdk tests/webhook-auth.test.ts (b274013), with its
   * negatives.
   */
  @Test
  void verify_officialVectorAndItsNegatives() {
    assertThat(verify(at(TS), HEADER, BODY)).isNull();
    assertThat(verify(at(TS), HEADER, utf8("{\"event\":\"call_ended\"} ")))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    WebhookVerifier wrongKey =
        Providers.byName("retell")
            .verifier(List.of("wrong-api-key"))
            .clock(Clock.fixed(Instant.ofEpochMilli(TS), ZoneOffset.UTC))
            .build();
    assertThat(verify(wrongKey, HEADER, BODY)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    // Timeout boundary: 5 minutes both ways, exactly at the limit accepted, one ms past rejected.
    assertThat(verify(at(TS + 300_000), HEADER, BODY)).isNull();
    assertThat(verify(at(TS - 300_000), HEADER, BODY)).isNull();
    assertThat(verify(at(TS + 300_001), HEADER, BODY)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(verify(at(TS - 300_001), HEADER, BODY)).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(
            verify(
                at(TS),
                HEADER.toUpperCase(java.util.Locale.ROOT).replace("V=", "v=").replace("D=", "d="),
                BODY))
        .as("hex in either case")
        .isNull();
  }

  @Test
  void verify_headerWithSeveralEntriesOrAHugeTimestamp_isMalformedNeverAccepted() {
    WebhookVerifier verifier = at(TS);
    String other = "v=" + (TS + 1);
    assertThat(verify(verifier, HEADER + "," + other, BODY)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify(verifier, other + "," + HEADER, BODY)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Several d entries: each tried, the genuine one proves; more than 16 are refused unread.
    assertThat(verify(verifier, HEADER + ",d=" + "00".repeat(32), BODY)).isNull();
    assertThat(verify(verifier, HEADER + (",d=" + "00".repeat(32)).repeat(16), BODY))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Order and spacing do not change what is signed.
    assertThat(verify(verifier, "d=" + HEX + ", v=" + TS, BODY)).isNull();
    // A huge ms value: more than 18 digits, a sign, an exponent, a fraction: malformed, not
    // wrapped.
    for (String ts :
        List.of(
            "9".repeat(19), "99999999999999999999999", "-1", "+" + TS, "1.7e12", TS + ".0", "")) {
      assertThat(verify(verifier, "v=" + ts + ",d=" + HEX, BODY))
          .as(ts)
          .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    }
    assertThat(verify(verifier, "v=" + "9".repeat(18) + ",d=" + HEX, BODY))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(verify(verifier, "d=" + HEX, BODY)).isEqualTo(Reason.MISSING_TIMESTAMP);
    assertThat(verify(verifier, "v=" + TS, BODY)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify(verifier, "v=" + TS + ",d=" + HEX.substring(2), BODY))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void sign_producesTheSdksHeaderShape() {
    Map<String, String> headers = Retell.sign(WebhookSecret.ofUtf8("test-api-key"), TS, BODY);
    assertThat(headers).containsExactly(Map.entry("x-retell-signature", HEADER));
    assertThat(headers.get("x-retell-signature")).matches("v=(\\d+),d=([0-9a-f]{64})");
  }
}
