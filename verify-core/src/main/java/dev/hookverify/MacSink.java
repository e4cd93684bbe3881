package dev.hookverify;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * Writes signed content into a {@link Mac}. ASCII text goes through a small buffer instead of
 * {@code String.getBytes}, so timestamps, ids and URLs cost no allocation.
 */
final class MacSink implements ContentSink {
  private final byte[] buffer = new byte[256];
  private Mac mac;

  MacSink use(Mac mac) {
    this.mac = mac;
    return this;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    mac.update(bytes, offset, length);
  }

  @Override
  public void write(byte b) {
    mac.update(b);
  }

  @Override
  public void writeUtf8(CharSequence text, int start, int end) {
    int filled = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        mac.update(buffer, 0, filled);
        byte[] rest = text.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8);
        mac.update(rest);
        return;
      }
      buffer[filled++] = (byte) c;
      if (filled == buffer.length) {
        mac.update(buffer, 0, filled);
        filled = 0;
      }
    }
    mac.update(buffer, 0, filled);
  }
}
