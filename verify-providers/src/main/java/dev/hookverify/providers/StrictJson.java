package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.providers.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The one way providers read a JSON body: a document every mainstream parser (Jackson databind,
 * Gson, org.json) reads alike, or nothing. One shared jackson-core factory whose limits bound the
 * work on any body, and a parser per read, over bytes first checked to be:
 *
 * <ul>
 *   <li>strict UTF-8: no overlong forms, no surrogates, no truncated sequences. Jackson would
 *       otherwise guess UTF-16 or UTF-32 from zero bytes, and other parsers replace bad bytes with
 *       U+FFFD, so two parsers would read different text;
 *   <li>without a byte order mark (Jackson and Gson skip it, org.json refuses it) and without
 *       control characters other than JSON's whitespace.
 * </ul>
 *
 * <p>Then the document must be one JSON object with nothing after it (Jackson databind reads the
 * first of two documents, Gson refuses both), no key repeated in any object (last-wins parsers and
 * org.json disagree), nested at most {@value #MAX_DEPTH} deep, with numbers of at most 64
 * characters. Jackson's defaults refuse comments, single quotes, bare words, leading zeros, NaN and
 * trailing commas.
 *
 * <p>Work is linear in the body; allocation is a few fixed buffers, recycled per thread, plus a
 * string per object key and a set of the keys of each object with more than two (duplicate
 * detection): at most about 40 bytes per token. Before a body's signature is checked, at most
 * {@value #MAX_UNVERIFIED_TOKENS} tokens are read, so a forged body costs at most about 2 MiB
 * whatever its size. Key names are neither canonicalized nor interned, so no body leaves anything
 * behind in a shared table.
 */
final class StrictJson {
  /** The deepest nesting of objects and arrays read. */
  static final int MAX_DEPTH = Json.MAX_DEPTH;

  /**
   * The most tokens (braces, brackets, keys and values each count one) read from a body whose
   * signature is not yet checked: allocation grows with the keys and objects of a body, and a
   * forged one is refused after this many. Fifty thousand is five hundred per Adyen item at its
   * most items, and far more than any Mailgun event or MightyCall body holds.
   */
  static final int MAX_UNVERIFIED_TOKENS = 50_000;

  private static final JsonFactory VERIFIED = Json.factory();
  private static final JsonFactory UNVERIFIED = Json.factory(MAX_UNVERIFIED_TOKENS);

  private StrictJson() {}

  /**
   * Whether the body's first byte other than JSON whitespace opens an object, or the body starts
   * with a byte order mark: a body that means to be a JSON object, strict or not.
   */
  static boolean isObject(ByteBuffer body) {
    int start = body.position();
    if (body.limit() - start >= 3 && (body.get(start) & 0xff) == 0xef) {
      return true; // a byte order mark, refused by open()
    }
    for (int i = start; i < body.limit(); i++) {
      byte b = body.get(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  /**
   * A parser over a {@code body} whose signature checked out, positioned on the root object's
   * START_OBJECT; close it.
   *
   * @throws IOException if the bytes are not strict UTF-8 without a byte order mark or control
   *     characters, or the document does not start with an object
   */
  static JsonParser open(ByteBuffer body) throws IOException {
    return open(VERIFIED, body);
  }

  /**
   * A parser over a {@code body} read before its signature is checked, which may be forged: as
   * {@link #open}, and at most {@value #MAX_UNVERIFIED_TOKENS} tokens.
   */
  static JsonParser openUnverified(ByteBuffer body) throws IOException {
    return open(UNVERIFIED, body);
  }

  /**
   * A parser over a {@code body} whose proof checked out and whose root is an array (Azure Event
   * Grid's event batches), positioned on its START_ARRAY; close it. The same checks as {@link
   * #open}.
   *
   * @throws IOException if the bytes are not strict UTF-8 without a byte order mark or control
   *     characters, or the document does not start with an array
   */
  static JsonParser openArray(ByteBuffer body) throws IOException {
    return open(VERIFIED, body, JsonToken.START_ARRAY);
  }

  private static JsonParser open(JsonFactory factory, ByteBuffer body) throws IOException {
    return open(factory, body, JsonToken.START_OBJECT);
  }

  private static JsonParser open(JsonFactory factory, ByteBuffer body, JsonToken root)
      throws IOException {
    ByteBuffer bytes = body.duplicate();
    int invalid = invalidByteAt(bytes);
    if (invalid >= 0) {
      throw new IOException("body is not strict UTF-8 JSON text at byte " + invalid);
    }
    JsonParser parser = factory.createParser(new BufferInput(bytes));
    if (parser.nextToken() != root) {
      parser.close();
      throw new JsonParseException(
          parser, "body is not a JSON " + (root == JsonToken.START_ARRAY ? "array" : "object"));
    }
    return parser;
  }

  /**
   * Positioned on the root's END_OBJECT (or END_ARRAY): checks that nothing but whitespace follows.
   *
   * @throws IOException if anything does
   */
  static void end(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "data after the JSON document");
    }
  }

  /** Positioned on a FIELD_NAME: skips its value, whatever it is. */
  static void skipValue(JsonParser parser) throws IOException {
    parser.nextToken();
    parser.skipChildren();
  }

  /**
   * The text of the VALUE_NUMBER_INT the parser is on, as every parser prints it: {@code -0} is
   * refused (Jackson prints it {@code 0}, org.json reads it as a double).
   *
   * @throws IOException if it is {@code -0}
   */
  static String integer(JsonParser parser) throws IOException {
    String text = parser.getText();
    if (text.equals("-0")) {
      throw new JsonParseException(parser, "-0 reads differently from parser to parser");
    }
    return text;
  }

  /** Whether {@code text} holds a surrogate that is not half of a pair. */
  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index of the first byte that breaks strict UTF-8 JSON text (a byte order mark at the start,
   * a control character other than tab, line feed and carriage return, or a sequence that is not
   * the shortest UTF-8 form of a scalar value), or -1.
   */
  static int invalidByteAt(ByteBuffer bytes) {
    int start = bytes.position();
    int end = bytes.limit();
    if (end - start >= 3
        && (bytes.get(start) & 0xff) == 0xef
        && (bytes.get(start + 1) & 0xff) == 0xbb
        && (bytes.get(start + 2) & 0xff) == 0xbf) {
      return start;
    }
    int i = start;
    while (i < end) {
      int b = bytes.get(i) & 0xff;
      if (b < 0x80) {
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
          return i;
        }
        i++;
        continue;
      }
      int count;
      int min;
      int codePoint;
      if (b >= 0xc2 && b <= 0xdf) {
        count = 1;
        min = 0x80;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        count = 2;
        min = 0x800;
        codePoint = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        count = 3;
        min = 0x10000;
        codePoint = b & 0x07;
      } else {
        return i;
      }
      if (i + count >= end) {
        return i;
      }
      for (int k = 1; k <= count; k++) {
        int next = bytes.get(i + k) & 0xff;
        if ((next & 0xc0) != 0x80) {
          return i;
        }
        codePoint = codePoint << 6 | (next & 0x3f);
      }
      if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return i;
      }
      i += count + 1;
    }
    return -1;
  }

  /** The remaining bytes of a buffer as a stream, without a copy. */
  private static final class BufferInput extends InputStream {
    private final ByteBuffer bytes;

    BufferInput(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return bytes.hasRemaining() ? bytes.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (!bytes.hasRemaining()) {
        return -1;
      }
      int n = Math.min(length, bytes.remaining());
      bytes.get(into, offset, n);
      return n;
    }
  }
}
