package dev.hookverify;

import java.util.Optional;

/**
 * Reads one string or integer from a JSON document by a path of object keys ({@code
 * owner.domain.uuid}), without building a tree, before the document is trusted. The whole document
 * is checked against RFC 8259 in the same pass, so the value is returned only if every mainstream
 * parser reads this document, and reads this value at this path.
 *
 * <p>Nothing is returned (the value is ambiguous or absent) when:
 *
 * <ul>
 *   <li>the bytes are not strict UTF-8 (overlong forms, surrogates, truncated sequences), start
 *       with a byte order mark, or hold a control character outside the JSON whitespace;
 *   <li>the document is not one JSON object, exactly: trailing data, a second document, comments,
 *       single quotes, bare words, leading zeros or a nesting deeper than {@value #MAX_DEPTH};
 *   <li>a key on the path occurs twice in its object (after escapes are decoded, so {@code
 *       "\u006frg_id"} is {@code org_id}): a last-wins parser would read another value than a
 *       first-wins one;
 *   <li>an object on the path has a literal key that spells the rest of the path with dots ({@code
 *       "owner.domain"} next to {@code owner}): a flattening reader would collide with it;
 *   <li>the value is not a string or an integer ({@code 1.0}, {@code 1e3} and {@code -0} read
 *       differently from parser to parser), is longer than {@value #MAX_VALUE_CHARS} characters, or
 *       holds an unpaired surrogate.
 * </ul>
 *
 * <p>Repeated keys elsewhere in the document do not matter to the value and are allowed (Jackson
 * and Gson read the last, org.json refuses the document; none of them reads another value here).
 * Linear in the document, iterative, and it allocates only the value: hostile input costs a scan.
 *
 * <p>Not thread-safe; one instance per read.
 */
final class JsonField {
  /** The longest value returned, in characters. */
  static final int MAX_VALUE_CHARS = 256;

  /** The deepest nesting of objects and arrays read; deeper documents yield nothing. */
  static final int MAX_DEPTH = 64;

  private static final byte OBJECT = 1;
  private static final byte ARRAY = 2;

  private final byte[] json;
  private final String[] path;
  private final byte[] containers = new byte[MAX_DEPTH];
  private final boolean[] matched;
  private final StringBuilder text = new StringBuilder();
  private int at;
  private String found;

  private JsonField(byte[] json, String[] path) {
    this.json = json;
    this.path = path;
    this.matched = new boolean[path.length];
  }

  /** The value at {@code path}, if the document is unambiguous JSON and the value usable. */
  static Optional<String> read(byte[] json, String[] path) {
    JsonField reader = new JsonField(json, path);
    return reader.document() ? Optional.ofNullable(reader.found) : Optional.empty();
  }

  /**
   * Reads the whole document; false if it is not one strict JSON object or the path is ambiguous.
   * The path's objects are the chain of open objects at depths {@code 0..onPath}.
   */
  private boolean document() {
    skipSpace();
    if (!take('{')) {
      return false;
    }
    int depth = 0;
    int onPath = 0;
    containers[0] = OBJECT;
    boolean first = true;
    while (true) {
      skipSpace();
      byte close = containers[depth] == OBJECT ? (byte) '}' : (byte) ']';
      if (take(close)) {
        if (onPath == depth) {
          onPath--;
        }
        if (depth-- == 0) {
          skipSpace();
          return at == json.length; // nothing after the document
        }
        first = false;
        continue;
      }
      if (!first && !take(',')) {
        return false;
      }
      if (!first) {
        skipSpace();
      }
      first = false;
      int level = -1; // the path level whose key this member is, or -1
      if (containers[depth] == OBJECT) {
        if (!take('"')) {
          return false;
        }
        if (onPath == depth) {
          String key = path[depth];
          text.setLength(0);
          // Decoded just far enough to tell "key", "key.more" and anything else apart.
          if (!string(key.length() + 1)) {
            return false;
          }
          if (text.length() == key.length() && startsWith(key)) {
            if (matched[depth]) {
              return false; // the path's key twice: ambiguous
            }
            matched[depth] = true;
            level = depth;
          } else if (text.length() > key.length()
              && text.charAt(key.length()) == '.'
              && startsWith(key)) {
            return false; // a literal "owner.domain" next to owner: ambiguous
          }
        } else if (!string(0)) {
          return false;
        }
        skipSpace();
        if (!take(':')) {
          return false;
        }
        skipSpace();
      }
      if (at >= json.length) {
        return false;
      }
      byte c = json[at];
      if (c == '{' || c == '[') {
        if (depth + 1 == MAX_DEPTH) {
          return false;
        }
        at++;
        containers[++depth] = c == '{' ? OBJECT : ARRAY;
        if (level >= 0 && c == '{' && level < path.length - 1) {
          onPath = depth;
        }
        first = true;
        continue;
      }
      if (level == path.length - 1) {
        found = value();
        if (found == null) {
          return false; // the value at the path is unusable: say so, never guess
        }
      } else if (!scalar()) {
        return false;
      }
    }
  }

  /** A usable value (string or integer), consumed; null if unusable or malformed. */
  private String value() {
    if (take('"')) {
      text.setLength(0);
      if (!string(MAX_VALUE_CHARS + 1)
          || text.length() > MAX_VALUE_CHARS
          || hasLoneSurrogate(text)) {
        return null;
      }
      return text.toString();
    }
    int start = at;
    if (!number()) {
      return null;
    }
    boolean integer = true;
    for (int i = start; i < at; i++) {
      if (json[i] == '.' || json[i] == 'e' || json[i] == 'E') {
        integer = false;
      }
    }
    boolean minusZero = at - start == 2 && json[start] == '-' && json[start + 1] == '0';
    if (!integer || minusZero || at - start > MAX_VALUE_CHARS) {
      return null;
    }
    return new String(json, start, at - start, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Any scalar (string, number, true, false, null), consumed; false if malformed. */
  private boolean scalar() {
    byte c = json[at];
    if (c == '"') {
      at++;
      return string(0);
    }
    if (c == 't') {
      return literal("true");
    }
    if (c == 'f') {
      return literal("false");
    }
    if (c == 'n') {
      return literal("null");
    }
    return number();
  }

  private boolean literal(String word) {
    if (at + word.length() > json.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (json[at + i] != word.charAt(i)) {
        return false;
      }
    }
    at += word.length();
    return true;
  }

  /** A number by RFC 8259's grammar, consumed; false if malformed. */
  private boolean number() {
    take('-');
    if (take('0')) {
      // no leading zeros
    } else if (!digits()) {
      return false;
    }
    if (take('.') && !digits()) {
      return false;
    }
    if (take('e') || take('E')) {
      if (!take('+')) {
        take('-');
      }
      return digits();
    }
    return true;
  }

  private boolean digits() {
    int start = at;
    while (at < json.length && json[at] >= '0' && json[at] <= '9') {
      at++;
    }
    return at > start;
  }

  /**
   * Positioned after the opening quote; consumes the string, checking its escapes and its UTF-8,
   * and appends its decoded text to {@link #text} until that holds {@code limit} characters (more
   * is never compared). False if malformed.
   */
  private boolean string(int limit) {
    while (at < json.length) {
      int c = json[at++] & 0xff;
      if (c == '"') {
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c == '\\') {
        if (at >= json.length) {
          return false;
        }
        int e = json[at++];
        char decoded;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            decoded = (char) e;
            break;
          case 'b':
            decoded = '\b';
            break;
          case 'f':
            decoded = '\f';
            break;
          case 'n':
            decoded = '\n';
            break;
          case 'r':
            decoded = '\r';
            break;
          case 't':
            decoded = '\t';
            break;
          case 'u':
            int code = hex4();
            if (code < 0) {
              return false;
            }
            decoded = (char) code;
            break;
          default:
            return false;
        }
        if (text.length() < limit) {
          text.append(decoded);
        }
      } else if (c < 0x80) {
        if (text.length() < limit) {
          text.append((char) c);
        }
      } else {
        int codePoint = utf8(c);
        if (codePoint < 0) {
          return false;
        }
        if (text.length() < limit) {
          text.appendCodePoint(codePoint);
        }
      }
    }
    return false;
  }

  /**
   * The code point of a multi-byte UTF-8 sequence whose lead byte {@code lead} was consumed;
   * consumes its continuation bytes; -1 for anything but the shortest form of a scalar value.
   */
  private int utf8(int lead) {
    int count;
    int min;
    int codePoint;
    if (lead >= 0xc2 && lead <= 0xdf) {
      count = 1;
      min = 0x80;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      min = 0x800;
      codePoint = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      min = 0x10000;
      codePoint = lead & 0x07;
    } else {
      return -1;
    }
    if (at + count > json.length) {
      return -1;
    }
    for (int i = 0; i < count; i++) {
      int b = json[at++] & 0xff;
      if ((b & 0xc0) != 0x80) {
        return -1;
      }
      codePoint = codePoint << 6 | (b & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return -1;
    }
    return codePoint;
  }

  private int hex4() {
    if (at + 4 > json.length) {
      return -1;
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(json[at++], 16);
      if (d < 0) {
        return -1;
      }
      code = code << 4 | d;
    }
    return code;
  }

  /** Whether the text just decoded starts with {@code key}. */
  private boolean startsWith(String key) {
    if (text.length() < key.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (text.charAt(i) != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLoneSurrogate(CharSequence s) {
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

  private void skipSpace() {
    while (at < json.length) {
      byte c = json[at];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private boolean take(char c) {
    if (at < json.length && json[at] == c) {
      at++;
      return true;
    }
    return false;
  }

  private boolean take(byte c) {
    return take((char) c);
  }
}
