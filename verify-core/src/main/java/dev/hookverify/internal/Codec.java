package dev.hookverify.internal;

/**
 * Decoders from text to bytes that never throw and never allocate: they write into a buffer the
 * caller owns and report failure as {@code -1}. Hostile headers reach these first.
 */
public final class Codec {
  private static final byte[] HEX = new byte[128];
  private static final byte[] BASE64 = new byte[128];
  private static final byte[] BASE64URL = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    java.util.Arrays.fill(BASE64, (byte) -1);
    java.util.Arrays.fill(BASE64URL, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
    String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < std.length(); i++) {
      BASE64[std.charAt(i)] = (byte) i;
      BASE64URL[std.charAt(i)] = (byte) i;
    }
    BASE64['+'] = 62;
    BASE64['/'] = 63;
    BASE64URL['-'] = 62;
    BASE64URL['_'] = 63;
  }

  private Codec() {}

  /**
   * Decodes hex (either case) from {@code s[start, end)} into {@code out}; returns the number of
   * bytes written, or -1 if the text is not hex or does not fit exactly in {@code out}.
   */
  public static int decodeHex(CharSequence s, int start, int end, byte[] out) {
    int length = end - start;
    if (length != 2 * out.length) {
      return -1;
    }
    for (int i = 0; i < out.length; i++) {
      int hi = digit(HEX, s.charAt(start + 2 * i));
      int lo = digit(HEX, s.charAt(start + 2 * i + 1));
      if ((hi | lo) < 0) {
        return -1;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out.length;
  }

  /**
   * Decodes base64 ({@code url == false}: {@code +/}; {@code url == true}: {@code -_}), with or
   * without {@code =} padding, from {@code s[start, end)} into {@code out}; returns the number of
   * bytes written, or -1 if the text is not valid or does not decode to exactly {@code out.length}
   * bytes.
   */
  public static int decodeBase64(CharSequence s, int start, int end, byte[] out, boolean url) {
    byte[] table = url ? BASE64URL : BASE64;
    int stop = end;
    // At most two padding characters, and only where padding can be.
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
    // Four characters make three bytes; a tail of two or three makes one or two, its low bits
    // dropped (as every decoder here always has). A character outside the alphabet is -1, which
    // makes the whole group negative.
    int written = 0;
    int i = start;
    for (int groups = start + chars / 4 * 4; i < groups; i += 4) {
      int group =
          digit(table, s.charAt(i)) << 18
              | digit(table, s.charAt(i + 1)) << 12
              | digit(table, s.charAt(i + 2)) << 6
              | digit(table, s.charAt(i + 3));
      if (group < 0) {
        return -1;
      }
      out[written++] = (byte) (group >> 16);
      out[written++] = (byte) (group >> 8);
      out[written++] = (byte) group;
    }
    if (stop - i == 2) {
      int tail = digit(table, s.charAt(i)) << 6 | digit(table, s.charAt(i + 1));
      if (tail < 0) {
        return -1;
      }
      out[written++] = (byte) (tail >> 4);
    } else if (stop - i == 3) {
      int tail =
          digit(table, s.charAt(i)) << 12
              | digit(table, s.charAt(i + 1)) << 6
              | digit(table, s.charAt(i + 2));
      if (tail < 0) {
        return -1;
      }
      out[written++] = (byte) (tail >> 10);
      out[written++] = (byte) (tail >> 2);
    }
    return written;
  }

  /** The value of the ASCII hex digit {@code c} (either case), or -1 for anything else. */
  public static int hexDigit(int c) {
    return c >= 0 && c < 128 ? HEX[c] : -1;
  }

  private static int digit(byte[] table, char c) {
    return c < 128 ? table[c] : -1;
  }
}
