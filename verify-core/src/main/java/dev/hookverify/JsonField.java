package dev.hookverify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one string or number from a JSON document by a path of object keys ({@code
 * owner.domain.uuid}), without building a tree, before the document is trusted. Linear in the
 * document, no recursion over the document's nesting (only over the path), so hostile depth costs
 * nothing but a scan.
 *
 * <p>A key that appears twice on the path's way is ambiguous and yields nothing: a handler that
 * later parses the body with a last-wins parser must not see another value than the one whose keys
 * verified it. Anything that is not well-formed where it is read yields nothing.
 *
 * <p>Not thread-safe; one instance per read.
 */
final class JsonField {
  /** The longest value returned, in bytes. */
  static final int MAX_VALUE_BYTES = 256;

  private final byte[] json;
  private int at;

  private JsonField(byte[] json) {
    this.json = json;
  }

  static Optional<String> read(byte[] json, String[] path) {
    JsonField reader = new JsonField(json);
    reader.skipSpace();
    if (!reader.take('{')) {
      return Optional.empty();
    }
    String found = reader.findInObject(path, 0);
    return Optional.ofNullable(found);
  }

  /** Positioned after '{'; consumes the object; returns the value at {@code path[level..]}. */
  private String findInObject(String[] path, int level) {
    String result = null;
    boolean matched = false;
    skipSpace();
    if (take('}')) {
      return null;
    }
    while (true) {
      skipSpace();
      if (!take('"')) {
        return null;
      }
      String key = readString(Integer.MAX_VALUE);
      skipSpace();
      if (key == null || !take(':')) {
        return null;
      }
      skipSpace();
      if (key.equals(path[level])) {
        if (matched) {
          return null; // ambiguous: the same key twice
        }
        matched = true;
        if (level == path.length - 1) {
          result = readScalar();
          if (result == null) {
            return null; // not a string or number, or invalid, or too long
          }
        } else if (take('{')) {
          result = findInObject(path, level + 1);
          if (result == null) {
            return null;
          }
        } else if (!skipValue()) {
          return null;
        }
      } else if (!skipValue()) {
        return null;
      }
      skipSpace();
      if (take('}')) {
        return result;
      }
      if (!take(',')) {
        return null;
      }
    }
  }

  /** A string's decoded text or a number's literal, consumed; null for anything else. */
  private String readScalar() {
    if (take('"')) {
      return readString(MAX_VALUE_BYTES);
    }
    int start = at;
    while (at < json.length && isNumberChar(json[at])) {
      at++;
    }
    if (at == start || at - start > MAX_VALUE_BYTES) {
      return null;
    }
    return new String(json, start, at - start, StandardCharsets.US_ASCII);
  }

  /** Positioned after the opening quote; consumes the string; null if invalid or too long. */
  private String readString(int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (at < json.length) {
      byte c = json[at++];
      if (c == '"') {
        return out.toString(StandardCharsets.UTF_8);
      }
      if ((c & 0xff) < 0x20) {
        return null;
      }
      if (c == '\\') {
        if (at >= json.length) {
          return null;
        }
        byte e = json[at++];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out.write(e);
            break;
          case 'b':
            out.write('\b');
            break;
          case 'f':
            out.write('\f');
            break;
          case 'n':
            out.write('\n');
            break;
          case 'r':
            out.write('\r');
            break;
          case 't':
            out.write('\t');
            break;
          case 'u':
            int code = hex4();
            if (code < 0) {
              return null;
            }
            byte[] utf8 = String.valueOf((char) code).getBytes(StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            break;
          default:
            return null;
        }
      } else {
        out.write(c);
      }
      if (out.size() > maxBytes) {
        return null;
      }
    }
    return null;
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

  /** Skips one value of any kind, iteratively; false if the document ends or is malformed. */
  private boolean skipValue() {
    int depth = 0;
    do {
      skipSpace();
      if (at >= json.length) {
        return false;
      }
      byte c = json[at];
      if (c == '{' || c == '[') {
        depth++;
        at++;
        continue;
      }
      if (c == '}' || c == ']') {
        if (depth == 0) {
          return false;
        }
        depth--;
        at++;
      } else if (c == '"') {
        at++;
        if (!skipString()) {
          return false;
        }
      } else if (c == ',' || c == ':') {
        if (depth == 0) {
          return false;
        }
        at++;
      } else {
        int start = at;
        while (at < json.length && isBareChar(json[at])) {
          at++;
        }
        if (at == start) {
          return false;
        }
      }
    } while (depth > 0);
    return true;
  }

  private boolean skipString() {
    while (at < json.length) {
      byte c = json[at++];
      if (c == '"') {
        return true;
      }
      if (c == '\\') {
        at++;
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

  private static boolean isNumberChar(byte c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  private static boolean isBareChar(byte c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || c == '-'
        || c == '+'
        || c == '.'
        || c == 'E';
  }
}
