package dev.hookverify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ConstantTime#equal}: a difference at any position, and any length difference, is found.
 */
class ConstantTimeTest {
  @Test
  void equal_differenceAtEveryPositionAndEveryBit_isUnequal() {
    byte[] a = new byte[32];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i * 37);
    }
    assertThat(ConstantTime.equal(a, a.clone())).isTrue();
    for (int i = 0; i < a.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = a.clone();
        b[i] ^= (byte) (1 << bit);
        assertThat(ConstantTime.equal(a, b)).as("byte %d bit %d", i, bit).isFalse();
      }
    }
  }

  @Test
  void equal_differentLengths_isUnequal() {
    assertThat(ConstantTime.equal(new byte[32], new byte[31])).isFalse();
    assertThat(ConstantTime.equal(new byte[0], new byte[1])).isFalse();
    assertThat(ConstantTime.equal(new byte[0], new byte[0])).isTrue();
  }
}
