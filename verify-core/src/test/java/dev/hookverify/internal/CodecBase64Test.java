package dev.hookverify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Codec#decodeBase64}, which decodes four characters at a time, against the decoder it
 * replaced (one character at a time), kept here as the reference: on random text over the alphabet,
 * padding, the other alphabet's characters and non-ASCII, and on real encodings of every length
 * near a tag's, both accept the same text and write the same bytes.
 */
class CodecBase64Test {
  private static final String ALPHABET = "AZaz09+/-_=é \u0100";

  @Test
  void decodeBase64_randomText_agreesWithTheReferenceDecoder() {
    List<String> disagreements = new ArrayList<>();
    Random random = new Random(15);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(50);
      for (int c = 0; c < length; c++) {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      compare(text.toString(), random.nextInt(38), random.nextBoolean(), disagreements);
    }
    for (int size = 0; size <= 66; size++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      for (Base64.Encoder encoder :
          List.of(
              Base64.getEncoder(),
              Base64.getEncoder().withoutPadding(),
              Base64.getUrlEncoder(),
              Base64.getUrlEncoder().withoutPadding())) {
        String text = "x" + encoder.encodeToString(bytes) + "y";
        for (int length = Math.max(0, size - 2); length <= size + 2; length++) {
          compare(text, length, true, disagreements, 1, text.length() - 1);
          compare(text, length, false, disagreements, 1, text.length() - 1);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static void compare(String text, int outLength, boolean url, List<String> disagreements) {
    compare(text, outLength, url, disagreements, 0, text.length());
  }

  private static void compare(
      String text, int outLength, boolean url, List<String> disagreements, int start, int end) {
    byte[] actual = new byte[outLength];
    byte[] expected = new byte[outLength];
    int a = Codec.decodeBase64(text, start, end, actual, url);
    int e = reference(text, start, end, expected, url);
    if (a != e || (e >= 0 && !Arrays.equals(actual, expected))) {
      disagreements.add(text + " -> " + outLength + (url ? " url" : "") + ": " + a + " != " + e);
    }
  }

  /** The decoder before the hot-path change, verbatim in behaviour. */
  private static int reference(CharSequence s, int start, int end, byte[] out, boolean url) {
    String alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (url ? "-_" : "+/");
    int stop = end;
    while (stop > start && end - stop < 2 && s.charAt(stop - 1) == '=') {
      stop--;
    }
    int chars = stop - start;
    if (stop < end && (end - start) % 4 != 0) {
      return -1;
    }
    if (chars % 4 == 1 || (chars * 6L) / 8 != out.length) {
      return -1;
    }
    int written = 0;
    int buffer = 0;
    int bits = 0;
    for (int i = start; i < stop; i++) {
      char c = s.charAt(i);
      int v = c == '=' ? -1 : alphabet.indexOf(c);
      if (v < 0) {
        return -1;
      }
      buffer = (buffer << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[written++] = (byte) (buffer >> bits);
        buffer &= (1 << bits) - 1;
      }
    }
    return written;
  }
}
