package dev.hookverify.providers;

import java.util.Random;

/**
 * Random bodies and secrets for the oracle tests: empty, ASCII JSON, non-ASCII, CRLF and large
 * bodies, as Strings (the SDKs take Strings), from a logged seed so a failure can be replayed.
 */
final class RandomInputs {
  static final long SEED = Long.getLong("hookverify.seed", System.nanoTime());
  private static final String ALPHABET =
      "abcXYZ019 {}[]\":,.-_\r\n\t\u00e9\u00fc\u4e2d\u6587\ud83d\ude00\\/+=&%";

  private final Random random = new Random(SEED);

  String body(int i) {
    switch (i % 5) {
      case 0:
        return "";
      case 1:
        return "{\"id\":\"evt_" + random.nextInt(1_000_000) + "\",\"object\":\"event\"}";
      case 2:
        return "line one\r\nline two\r\n";
      case 3:
        return text(64 * 1024 + random.nextInt(1024));
      default:
        return text(1 + random.nextInt(300));
    }
  }

  String text(int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      int at = random.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(c)) {
        out.append(c).append(ALPHABET.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A printable secret without surrounding whitespace. */
  String secret() {
    StringBuilder out = new StringBuilder();
    int length = 8 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      out.append((char) ('!' + random.nextInt(94)));
    }
    return out.toString();
  }

  byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
