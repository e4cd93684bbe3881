package dev.hookverify;

/**
 * Where the parts of a {@link SignedContent} are written: a MAC or a signature being computed.
 * Parts write their bytes in order; nothing is concatenated into a copy first.
 *
 * <p>Not thread-safe; each verification gets its own.
 */
public interface ContentSink {
  /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
  void write(byte[] bytes, int offset, int length);

  /** Writes one byte. */
  void write(byte b);

  /** Writes {@code text[start, end)} as UTF-8. */
  void writeUtf8(CharSequence text, int start, int end);

  /** Writes all of {@code text} as UTF-8. */
  default void writeUtf8(CharSequence text) {
    writeUtf8(text, 0, text.length());
  }
}
