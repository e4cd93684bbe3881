package dev.hookverify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConstantTime#equal}: a difference at any position, and any length difference, is found;
 * for every length a tag can have, including those that are not a multiple of the eight bytes the
 * comparison reads at a time (SHA-1's 20, and every tail from 1 to 7).
 */
class ConstantTimeTest {
  @Test
  void equal_differenceAtEveryPositionAndEveryBit_isUnequal() {
    for (int length = 0; length <= 72; length++) {
      byte[] a = new byte[length];
      for (int i = 0; i < a.length; i++) {
        a[i] = (byte) (i * 37 + length);
      }
      assertThat(ConstantTime.equal(a, a.clone())).as("length %d", length).isTrue();
      for (int i = 0; i < a.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] b = a.clone();
          b[i] ^= (byte) (1 << bit);
          assertThat(ConstantTime.equal(a, b))
              .as("length %d, byte %d, bit %d", length, i, bit)
              .isFalse();
        }
      }
    }
  }

  @Test
  void equal_agreesWithMessageDigestIsEqual() {
    Random random = new Random(15);
    for (int n = 0; n < 20_000; n++) {
      byte[] a = new byte[random.nextInt(70)];
      random.nextBytes(a);
      byte[] b = a.clone();
      for (int changes = random.nextInt(3); changes > 0 && b.length > 0; changes--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      assertThat(ConstantTime.equal(a, b)).isEqualTo(MessageDigest.isEqual(a, b));
    }
  }

  @Test
  void equal_differentLengths_isUnequal() {
    assertThat(ConstantTime.equal(new byte[32], new byte[31])).isFalse();
    assertThat(ConstantTime.equal(new byte[0], new byte[1])).isFalse();
    assertThat(ConstantTime.equal(new byte[0], new byte[0])).isTrue();
  }
}
