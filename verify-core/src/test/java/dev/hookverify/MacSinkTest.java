package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/**
 * {@link MacSink} gathers small writes into one {@code Mac.update}: whatever the mix of sizes (up
 * to and past its buffer, text with non-ASCII characters, single bytes), the tag is the HMAC of the
 * bytes in the order written, and a sink reused after an abandoned write starts clean.
 */
class MacSinkTest {
  private static final byte[] KEY = "mac-sink-key".getBytes(StandardCharsets.UTF_8);

  @Test
  void finish_randomWrites_isTheHmacOfTheConcatenation() throws Exception {
    Random random = new Random(15);
    MacSink sink = new MacSink();
    Mac mac = HmacAlgorithm.SHA256.newMac(KEY);
    for (int round = 0; round < 2_000; round++) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      sink.use(mac);
      int writes = random.nextInt(8);
      for (int w = 0; w < writes; w++) {
        switch (random.nextInt(3)) {
          case 0 -> {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int length = bytes.length - offset;
            sink.write(bytes, offset, length);
            expected.write(bytes, offset, length);
          }
          case 1 -> {
            String text = text(random);
            int from = text.isEmpty() ? 0 : random.nextInt(text.length());
            sink.writeUtf8(text, from, text.length());
            expected.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
          }
          default -> {
            byte b = (byte) random.nextInt();
            sink.write(b);
            expected.write(b);
          }
        }
      }
      if (random.nextInt(10) == 0) {
        mac.reset(); // abandoned, as when a signed part refuses: the next use starts clean
        continue;
      }
      byte[] tag = new byte[32];
      sink.finish(tag);
      assertThat(tag).isEqualTo(HmacAlgorithm.SHA256.newMac(KEY).doFinal(expected.toByteArray()));
    }
  }

  private static String text(Random random) {
    String alphabet = "0123456789.:abc-é€\uD83D\uDE00";
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(random.nextBoolean() ? 20 : 400);
    while (out.length() < length) {
      int i = random.nextInt(alphabet.length() - 1);
      out.append(
          Character.isHighSurrogate(alphabet.charAt(i))
              ? alphabet.substring(i, i + 2)
              : alphabet.charAt(i));
    }
    return out.toString();
  }
}
