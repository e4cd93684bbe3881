package dev.hookverify;

/**
 * A reusable view of part of a string, so parts of a header can be handed on without a substring
 * copy. Not thread-safe; lives in per-thread scratch space.
 */
final class TextWindow implements CharSequence {
  private String text = "";
  private int start;
  private int end;

  void set(String text, int start, int end) {
    this.text = text;
    this.start = start;
    this.end = end;
  }

  /** The whole string this window is over. */
  String source() {
    return text;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  void clear() {
    set("", 0, 0);
  }

  @Override
  public int length() {
    return end - start;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= end - start) {
      throw new IndexOutOfBoundsException(index);
    }
    return text.charAt(start + index);
  }

  @Override
  public CharSequence subSequence(int from, int to) {
    return text.subSequence(start + from, start + to);
  }

  @Override
  public String toString() {
    return text.substring(start, end);
  }
}
