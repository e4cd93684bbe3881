package dev.hookverify;

import dev.hookverify.internal.Codec;

/** How a sender writes signature bytes as text. Decoding never throws. */
public enum SignatureEncoding {
  /** Hexadecimal, upper or lower case. */
  HEX,
  /** Standard base64 ({@code +/}), with or without padding. */
  BASE64,
  /** URL-safe base64 ({@code -_}), with or without padding. */
  BASE64URL,
  /**
   * Hex or standard base64, told apart by length: for senders whose documentation allows either
   * (MightyCall).
   */
  HEX_OR_BASE64;

  /**
   * Decodes {@code text[start, end)} into {@code out}, which has the expected signature length.
   *
   * @return whether the text decoded to exactly {@code out.length} bytes
   */
  boolean decode(CharSequence text, int start, int end, byte[] out) {
    switch (this) {
      case HEX:
        return Codec.decodeHex(text, start, end, out) >= 0;
      case BASE64:
        return Codec.decodeBase64(text, start, end, out, false) >= 0;
      case BASE64URL:
        return Codec.decodeBase64(text, start, end, out, true) >= 0;
      case HEX_OR_BASE64:
        return end - start == 2 * out.length
            ? Codec.decodeHex(text, start, end, out) >= 0
            : Codec.decodeBase64(text, start, end, out, false) >= 0;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Decodes {@code text[start, end)} into a new array of whatever length it encodes, at most {@code
   * maxLength} bytes: for public-key signatures (a DER-encoded ECDSA signature varies in length).
   *
   * @return the bytes, or null if the text does not decode
   */
  byte[] decodeVariable(CharSequence text, int start, int end, int maxLength) {
    int chars = end - start;
    if (this == HEX || (this == HEX_OR_BASE64 && chars % 2 == 0 && isHex(text, start, end))) {
      return chars % 2 != 0 || chars / 2 > maxLength || chars == 0
          ? null
          : decodeInto(HEX, text, start, end, new byte[chars / 2]);
    }
    int stop = end;
    while (stop > start && end - stop < 2 && text.charAt(stop - 1) == '=') {
      stop--;
    }
    int length = (int) (((stop - start) * 6L) / 8);
    if (length < 1 || length > maxLength) {
      return null;
    }
    return decodeInto(this == HEX_OR_BASE64 ? BASE64 : this, text, start, end, new byte[length]);
  }

  private static boolean isHex(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] decodeInto(
      SignatureEncoding e, CharSequence text, int start, int end, byte[] out) {
    return e.decode(text, start, end, out) ? out : null;
  }
}
