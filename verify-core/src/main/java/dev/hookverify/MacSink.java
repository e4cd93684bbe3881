package dev.hookverify;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Writes signed content into a {@link Mac}. Small parts (a timestamp, a separator, an id, a short
 * body) are gathered in a buffer and reach the {@code Mac} in one {@code update}: each call into
 * the JCA costs tens of nanoseconds of bookkeeping, more than copying a few bytes. Large parts go
 * straight to the {@code Mac}, never copied. ASCII text is written without {@code String.getBytes},
 * so timestamps, ids and URLs cost no allocation.
 *
 * <p>Every {@link #use} must end in {@link #finish}, which writes what is gathered before the tag
 * is computed. Not thread-safe; lives in per-thread scratch space.
 */
final class MacSink implements ContentSink {
  private final byte[] buffer = new byte[256];
  private int filled;
  private Mac mac;

  /** Starts writing into {@code mac}, dropping anything gathered for an earlier one. */
  MacSink use(Mac mac) {
    this.mac = mac;
    this.filled = 0;
    return this;
  }

  /** Writes what is gathered, then the tag into {@code out} (which also resets the {@code Mac}). */
  void finish(byte[] out) throws ShortBufferException {
    flush();
    mac.doFinal(out, 0);
  }

  /** Writes what is gathered, then returns the tag (which also resets the {@code Mac}). */
  byte[] finish() {
    flush();
    return mac.doFinal();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (length <= buffer.length - filled) {
      System.arraycopy(bytes, offset, buffer, filled, length);
      filled += length;
      return;
    }
    flush(); // keeps the order of bytes: what is gathered goes first
    mac.update(bytes, offset, length);
  }

  @Override
  public void write(byte b) {
    if (filled == buffer.length) {
      flush();
    }
    buffer[filled++] = b;
  }

  @Override
  public void writeUtf8(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        flush();
        mac.update(text.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (filled == buffer.length) {
        flush();
      }
      buffer[filled++] = (byte) c;
    }
  }

  private void flush() {
    if (filled > 0) {
      mac.update(buffer, 0, filled);
      filled = 0;
    }
  }
}
