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
}
