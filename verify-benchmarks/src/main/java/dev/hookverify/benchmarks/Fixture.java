package dev.hookverify.benchmarks;

import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

/** Inputs shared by the benchmarks: deterministic bodies, fixed clocks, forged signatures. */
final class Fixture {
  private Fixture() {}

  /** A JSON-like ASCII body of exactly {@code size} bytes, the same for every run. */
  static byte[] body(int size) {
    StringBuilder out = new StringBuilder("{\"id\":\"evt_benchmark\",\"data\":\"");
    Random random = new Random(size);
    while (out.length() < size - 2) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    out.append("\"}");
    return out.substring(0, Math.max(0, size)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The headers sender {@code provider} sends for {@code body}, through the signing kit. */
  static Map<String, String> signed(
      String provider, String key, long now, String url, String contentType, byte[] body) {
    return Providers.byName(provider)
        .sender()
        .sign(
            key,
            OutgoingWebhook.builder(body)
                .timestamp(now)
                .id("msg_benchmark")
                .url(url)
                .contentType(contentType)
                .build())
        .headers();
  }

  static Clock clock(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }

  /** {@code value} with one signature character changed, near the middle, same alphabet. */
  static String forge(String value) {
    char[] chars = value.toCharArray();
    for (int i = chars.length / 2; i < chars.length; i++) {
      char c = chars[i];
      if (Character.isDigit(c)) {
        chars[i] = c == '0' ? '1' : '0';
        return new String(chars);
      }
      if (Character.isLetter(c)) {
        chars[i] = Character.isUpperCase(c) ? (c == 'A' ? 'B' : 'A') : (c == 'a' ? 'b' : 'a');
        return new String(chars);
      }
    }
    throw new IllegalArgumentException("nothing to forge");
  }
}
