package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Providers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Retell's {@code x-retell-signature} header: a genuine {@code v=<ms>,d=<hex>} for a fuzzed body
 * and time, wrapped in fuzzed text or replaced by it. An accepted header must carry exactly one
 * {@code v}, within 5 minutes of the clock, and a {@code d} that is the HMAC of the body followed
 * by that {@code v} (the reference computes it with the JDK's {@code Mac}). {@link Budget} fences
 * time and allocation and requires the same outcome twice.
 */
class RetellHeaderFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final String API_KEY = "retell-fuzz-key";
  private static final WebhookVerifier RETELL =
      Providers.byName("retell")
          .verifier(List.of(API_KEY))
          .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
          .build();

  @FuzzTest(maxDuration = "5m")
  void retellHeader(FuzzedDataProvider data) {
    long v = NOW * 1000 + data.consumeLong(-400_000, 400_000);
    byte[] body = data.consumeBytes(200);
    String genuine = "v=" + v + ",d=" + hmacHex(body, Long.toString(v));
    String header;
    switch (data.consumeInt(0, 3)) {
      case 0:
        header = data.consumeString(8) + genuine + data.consumeRemainingAsString();
        break;
      case 1:
        header = genuine + "," + data.consumeRemainingAsString();
        break;
      case 2:
        header = data.consumeRemainingAsString() + "," + genuine;
        break;
      default:
        header = data.consumeRemainingAsString();
    }
    WebhookRequest request =
        WebhookRequest.builder().header("x-retell-signature", header).body(body).build();
    Budget.Outcome outcome = Budget.verify(RETELL, request);
    if (outcome.verified == null) {
      return;
    }
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String item : header.split(",", -1)) {
      String trimmed = trim(item);
      if (trimmed.startsWith("v=")) {
        assertThat(timestamp).as("accepted two v items: %s", header).isNull();
        timestamp = trimmed.substring(2);
      } else if (trimmed.startsWith("d=")) {
        signatures.add(trimmed.substring(2).toLowerCase(Locale.ROOT));
      }
    }
    assertThat(timestamp).as("accepted without v: %s", header).isNotNull();
    long ms = Long.parseLong(timestamp);
    assertThat(Math.abs(ms - NOW * 1000)).as("accepted a stale v").isLessThanOrEqualTo(300_000);
    assertThat(signatures).contains(hmacHex(body, timestamp));
  }

  /** An item without the spaces and tabs around it, as the signature grammar trims it. */
  private static String trim(String item) {
    int start = 0;
    int end = item.length();
    while (start < end && (item.charAt(start) == ' ' || item.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (item.charAt(end - 1) == ' ' || item.charAt(end - 1) == '\t')) {
      end--;
    }
    return item.substring(start, end);
  }

  private static String hmacHex(byte[] body, String v) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(API_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(body);
      mac.update(v.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
