package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.internal.Codec;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void decode_randomBytes_roundTripsThroughEveryEncodingAndLength() {
    Random random = new Random(42);
    for (int length = 1; length <= 70; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      byte[] out = new byte[length];
      String hex = Signing.hex(bytes);
      assertThat(Codec.decodeHex(hex, 0, hex.length(), out)).isEqualTo(length);
      assertThat(out).isEqualTo(bytes);
      for (String b64 :
          new String[] {
            Base64.getEncoder().encodeToString(bytes),
            Base64.getEncoder().withoutPadding().encodeToString(bytes)
          }) {
        assertThat(Codec.decodeBase64(b64, 0, b64.length(), out, false)).isEqualTo(length);
        assertThat(out).isEqualTo(bytes);
      }
      String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertThat(Codec.decodeBase64(url, 0, url.length(), out, true)).isEqualTo(length);
      assertThat(out).isEqualTo(bytes);
    }
  }

  @Test
  void decode_invalidText_returnsMinusOneAndNeverThrows() {
    byte[] out = new byte[2];
    for (String bad :
        new String[] {
          "abc",
          "abcdef",
          "zz00",
          "\u0000\u0000\u0000\u0000",
          "\u00e9\u00e9\u00e9\u00e9",
          "ab\ud800"
        }) {
      assertThat(Codec.decodeHex(bad, 0, bad.length(), out)).as(bad).isEqualTo(-1);
    }
    for (String bad : new String[] {"AAA=A", "AA==", "A===", "AAA==", "AA-=", "====", "\u00e9AA"}) {
      assertThat(Codec.decodeBase64(bad, 0, bad.length(), out, false)).as(bad).isEqualTo(-1);
    }
    assertThat(Codec.decodeBase64("AAA=", 0, 4, out, false)).isEqualTo(2);
  }
}
