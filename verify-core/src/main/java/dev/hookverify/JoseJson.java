package dev.hookverify;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JWS header or claims set: one JSON object, parsed strictly into a tree, so that what the
 * verifier checks is what every mainstream parser reads.
 *
 * <p>{@link JsonField} reads one value by path and tolerates repeated keys off that path; a JWS
 * needs every member of its header and claims (booleans, arrays, nested objects of a signed
 * payload), and its handler reads any of them, so here a repeated key <b>anywhere</b> refuses the
 * document. Also refused: bytes that are not strict UTF-8, a byte order mark, control characters in
 * strings, unpaired surrogates (escaped or not), comments, single quotes, bare words, leading
 * zeros, trailing data and nesting deeper than {@value #MAX_DEPTH}. Integers that fit a {@code
 * long} are {@link Long}; any other number is a {@link Decimal}, kept as its text and never
 * interpreted (parsers disagree on {@code 1.0}, {@code 1e3}, {@code -0} and overflow). Strings are
 * {@link String}, {@code true}/{@code false} {@link Boolean}, {@code null} {@link #NULL}; objects
 * are unmodifiable maps in document order, arrays unmodifiable lists.
 *
 * <p>Recursive to a depth of {@value #MAX_DEPTH} only, and linear in the input: the input is a JWS
 * segment the verifier has already bounded.
 */
final class JoseJson {
  /** The deepest nesting read. */
  static final int MAX_DEPTH = 16;

  /** The longest exponent of a number read (1e9999 still reads as a number everywhere). */
  static final int MAX_EXPONENT_DIGITS = 4;

  /** The longest number that is not an integer (a double has 17 significant digits). */
  static final int MAX_DECIMAL_LENGTH = 32;

  /** JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** A number that is not an integer in the range of a {@code long}, as written. */
  static final class Decimal {
    final String text;

    Decimal(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Signals a document that is refused; no stack trace (hostile input takes this path). */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private int at;

  private JoseJson(String text) {
    this.text = text;
  }

  /**
   * The object {@code utf8} holds.
   *
   * @throws Refused if it is not exactly one strict JSON object
   */
  static Map<String, Object> object(byte[] utf8) throws Refused {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Refused("not strict UTF-8");
    }
    JoseJson reader = new JoseJson(text);
    reader.space();
    if (!reader.peek('{')) {
      throw new Refused("not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) reader.value(0);
    reader.space();
    if (reader.at != text.length()) {
      throw new Refused("data after the object");
    }
    return object;
  }

  private Object value(int depth) throws Refused {
    if (depth >= MAX_DEPTH) {
      throw new Refused("nested too deeply");
    }
    if (at >= text.length()) {
      throw new Refused("truncated");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", NULL);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) throws Refused {
    at++; // '{'
    Map<String, Object> members = new LinkedHashMap<>();
    space();
    if (take('}')) {
      return Collections.unmodifiableMap(members);
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw new Refused("a key is not a string");
      }
      String key = string();
      space();
      if (!take(':')) {
        throw new Refused("no ':' after a key");
      }
      space();
      Object value = value(depth + 1);
      if (members.putIfAbsent(key, value) != null) {
        throw new Refused("a key repeated"); // first-wins and last-wins parsers would disagree
      }
      space();
      if (take('}')) {
        return Collections.unmodifiableMap(members);
      }
      if (!take(',')) {
        throw new Refused("no ',' between members");
      }
    }
  }

  private List<Object> array(int depth) throws Refused {
    at++; // '['
    List<Object> elements = new ArrayList<>();
    space();
    if (take(']')) {
      return Collections.unmodifiableList(elements);
    }
    while (true) {
      space();
      elements.add(value(depth + 1));
      space();
      if (take(']')) {
        return Collections.unmodifiableList(elements);
      }
      if (!take(',')) {
        throw new Refused("no ',' between elements");
      }
    }
  }

  private String string() throws Refused {
    at++; // '"'
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw new Refused("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        throw new Refused("a control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw new Refused("unterminated escape");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.append(e);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          out.append(hex4());
          break;
        default:
          throw new Refused("an unknown escape");
      }
    }
    String s = out.toString();
    if (hasLoneSurrogate(s)) {
      // Decoders replace it (with '?' or U+FFFD) or refuse it: parsers would disagree.
      throw new Refused("an unpaired surrogate");
    }
    return s;
  }

  private char hex4() throws Refused {
    if (at + 4 > text.length()) {
      throw new Refused("a short \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int d = dev.hookverify.internal.Codec.hexDigit(text.charAt(at++));
      if (d < 0) {
        throw new Refused("a bad \\u escape");
      }
      code = code << 4 | d;
    }
    return (char) code;
  }

  private Object word(String word, Object value) throws Refused {
    if (!text.startsWith(word, at)) {
      throw new Refused("a bare word");
    }
    at += word.length();
    return value;
  }

  /** RFC 8259 numbers only: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private Object number() throws Refused {
    int start = at;
    take('-');
    if (take('0')) {
      if (at < text.length() && isDigit(text.charAt(at))) {
        throw new Refused("a leading zero");
      }
    } else if (!digits()) {
      throw new Refused("not a value");
    }
    boolean integer = true;
    if (take('.')) {
      integer = false;
      if (!digits()) {
        throw new Refused("no digits after '.'");
      }
    }
    if (take('e') || take('E')) {
      integer = false;
      if (!take('+')) {
        take('-');
      }
      int exponent = at;
      if (!digits()) {
        throw new Refused("no digits in the exponent");
      }
      // org.json cannot make a number of 1e120100000000 and hands it over as a string, while the
      // other parsers read a number: an exponent is kept to what every parser reads as one.
      if (at - exponent > MAX_EXPONENT_DIGITS) {
        throw new Refused("an exponent of more than " + MAX_EXPONENT_DIGITS + " digits");
      }
    }
    String number = text.substring(start, at);
    if (integer && !number.equals("-0")) {
      try {
        return Long.parseLong(number);
      } catch (NumberFormatException overflow) {
        // Parsers read integers past 64 bits differently (JwsFuzzTest: Gson otherwise than
        // Jackson); no sender's claim needs one.
        throw new Refused("an integer beyond 64 bits");
      }
    }
    if (number.length() > MAX_DECIMAL_LENGTH) {
      throw new Refused("a number of more than " + MAX_DECIMAL_LENGTH + " characters");
    }
    return new Decimal(number);
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && isDigit(text.charAt(at))) {
      at++;
    }
    return at > start;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void space() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private boolean take(char c) {
    if (peek(c)) {
      at++;
      return true;
    }
    return false;
  }

  static boolean hasLoneSurrogate(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
