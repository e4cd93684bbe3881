package dev.hookverify.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strict, bounded reading of {@code application/x-www-form-urlencoded} data (a form body or a query
 * string) into parameters, as servlet containers read it: items split at {@code &}, empty items
 * skipped, name and value split at the first {@code =}, {@code +} and {@code %XX} decoded to bytes
 * that must be valid in the charset. A bad escape, bytes invalid in the charset or more than
 * {@value #MAX_PARAMETERS} parameters make the whole input unreadable (empty), never a partial
 * reading: a handler must not see a form that differs from the one a sender's signature covers.
 * Work is linear in the input's length.
 */
public final class FormData {
  /** The most parameters read: the default of Jetty's {@code maxFormKeys} and Tomcat's limit. */
  public static final int MAX_PARAMETERS = 1_000;

  private FormData() {}

  /**
   * The parameters of {@code form}, by name in order of first appearance, each with its values in
   * order; empty if it is malformed (see the class documentation).
   */
  public static Optional<Map<String, List<String>>> parse(byte[] form, Charset charset) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    int count = 0;
    for (int item = 0; item < form.length; ) {
      int end = item;
      int equals = -1;
      while (end < form.length && form[end] != '&') {
        if (equals < 0 && form[end] == '=') {
          equals = end;
        }
        end++;
      }
      if (end > item) {
        if (++count > MAX_PARAMETERS) {
          return Optional.empty();
        }
        String name = decode(form, item, equals < 0 ? end : equals, charset);
        String value = equals < 0 ? "" : decode(form, equals + 1, end, charset);
        if (name == null || value == null) {
          return Optional.empty();
        }
        parameters.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      item = end + 1;
    }
    return Optional.of(parameters);
  }

  /** {@link #parse(byte[], Charset)} of a raw query string (ASCII as received). */
  public static Optional<Map<String, List<String>>> parseQuery(String query, Charset charset) {
    return parse(query.getBytes(StandardCharsets.ISO_8859_1), charset);
  }

  /** {@code form[from, to)} decoded, or null when an escape is bad or the bytes are invalid. */
  private static String decode(byte[] form, int from, int to, Charset charset) {
    byte[] bytes = new byte[to - from];
    int length = 0;
    for (int i = from; i < to; i++) {
      byte b = form[i];
      if (b == '%') {
        int high = i + 2 < to ? Codec.hexDigit(form[i + 1] & 0xff) : -1;
        int low = high < 0 ? -1 : Codec.hexDigit(form[i + 2] & 0xff);
        if (low < 0) {
          return null;
        }
        bytes[length++] = (byte) (high << 4 | low);
        i += 2;
      } else {
        bytes[length++] = b == '+' ? (byte) ' ' : b;
      }
    }
    try {
      // A reporting decoder: the default one turns bad bytes into U+FFFD, another reading.
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
