package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.DeliveryId;
import dev.hookverify.DeliveryIdSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Values read by path from JSON bodies, in one strict pass ({@link StrictJson}): delivery ids,
 * Linear's timestamp, MightyCall's organization, Zoom's URL validation, Discord's and Twitch's
 * handshakes. A value is a string or an integer; it is read only if the whole body is a document
 * every mainstream parser reads alike, and the path is unambiguous in it: no key repeated anywhere,
 * and no literal key that spells the rest of a path with dots ({@code "payload.plainToken"} next to
 * {@code payload}) in an object the path passes through. Otherwise no value is read, and every path
 * counts as present, so a caller can tell "absent" from "there, but not to be trusted".
 */
final class JsonFields {
  private static final byte ABSENT = 0;
  private static final byte STRING = 1;
  private static final byte INTEGER = 2;
  private static final byte UNUSABLE = 3;

  private JsonFields() {}

  /**
   * A delivery id in the string at top-level field {@code name}; signed exactly when the proof
   * covers the body.
   */
  static DeliveryIdSource deliveryId(String name) {
    return (request, authentication) ->
        string(request.body(), name)
            .filter(DeliveryId::isValid)
            .map(value -> DeliveryId.of(value, authentication.signsBody()));
  }

  /** The string or integer at {@code path} of a JSON object body, if unambiguous. */
  static Optional<String> string(ByteBuffer body, String... path) {
    return read(body, String.join(".", path)).value(0);
  }

  static Optional<String> string(byte[] body, String... path) {
    return string(ByteBuffer.wrap(body), path);
  }

  /**
   * The strings or integers at several dotted {@code paths} of a JSON object body, read in one
   * pass; an entry is null where a path is absent or its value unusable.
   */
  static String[] strings(ByteBuffer body, String... paths) {
    Found found = read(body, paths);
    String[] values = new String[paths.length];
    for (int i = 0; i < paths.length; i++) {
      values[i] = found.value(i).orElse(null);
    }
    return values;
  }

  /** What one strict read of a verified body finds at each of {@code dottedPaths} (at most 64). */
  static Found read(ByteBuffer body, String... dottedPaths) {
    return read(false, body, dottedPaths);
  }

  /**
   * As {@link #read}, for a body whose signature is not yet checked: at most {@link
   * StrictJson#MAX_UNVERIFIED_TOKENS} tokens.
   */
  static Found readUnverified(ByteBuffer body, String... dottedPaths) {
    return read(true, body, dottedPaths);
  }

  private static Found read(boolean unverified, ByteBuffer body, String... dottedPaths) {
    String[][] paths = new String[dottedPaths.length][];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = dottedPaths[i].split("\\.", -1);
    }
    Found found = new Found(paths.length);
    if (!StrictJson.isObject(body)) {
      return found.unreadable();
    }
    try (JsonParser parser = unverified ? StrictJson.openUnverified(body) : StrictJson.open(body)) {
      object(parser, paths, paths.length == 64 ? -1L : (1L << paths.length) - 1, 0, found);
      StrictJson.end(parser);
      return found;
    } catch (IOException | RuntimeException e) {
      return found.unreadable();
    }
  }

  /**
   * Positioned on START_OBJECT at depth {@code level} of the paths in {@code candidates} (a bit per
   * path whose first {@code level} keys led here); consumes the object.
   */
  private static void object(
      JsonParser parser, String[][] paths, long candidates, int level, Found found)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      long leaves = 0;
      long deeper = 0;
      for (int i = 0; i < paths.length; i++) {
        if ((candidates >>> i & 1) == 0) {
          continue;
        }
        String key = paths[i][level];
        if (name.equals(key)) {
          if (paths[i].length == level + 1) {
            leaves |= 1L << i;
          } else {
            deeper |= 1L << i;
          }
        } else if (name.length() > key.length()
            && name.charAt(key.length()) == '.'
            && name.startsWith(key)) {
          throw new JsonParseException(parser, "a literal dotted key spells a path");
        }
      }
      JsonToken value = parser.nextToken();
      if (deeper != 0 && value == JsonToken.START_OBJECT) {
        object(parser, paths, deeper, level + 1, found);
        found.unusable(leaves);
        continue;
      }
      found.unusable(deeper); // a path through something that is not an object
      if (leaves != 0) {
        String text = null;
        byte state = UNUSABLE;
        if (value == JsonToken.VALUE_STRING) {
          text = parser.getText();
          state = StrictJson.hasLoneSurrogate(text) ? UNUSABLE : STRING;
        } else if (value == JsonToken.VALUE_NUMBER_INT && !parser.getText().equals("-0")) {
          text = parser.getText();
          state = INTEGER;
        }
        for (int i = 0; i < paths.length; i++) {
          if ((leaves >>> i & 1) != 0) {
            found.set(i, state, text);
          }
        }
      }
      parser.skipChildren();
    }
  }

  /** What a read found at each path: a value, nothing, or something not to be trusted. */
  static final class Found {
    private final byte[] states;
    private final String[] values;

    private Found(int paths) {
      this.states = new byte[paths];
      this.values = new String[paths];
    }

    /**
     * The string, or the integer as written, at path {@code i}, if the document is unambiguous and
     * the value usable.
     */
    Optional<String> value(int i) {
      return states[i] == STRING || states[i] == INTEGER
          ? Optional.of(values[i])
          : Optional.empty();
    }

    /** The integer at path {@code i}, if it is a JSON integer that fits a long. */
    OptionalLong integer(int i) {
      if (states[i] == INTEGER) {
        try {
          return OptionalLong.of(Long.parseLong(values[i]));
        } catch (NumberFormatException tooLarge) {
          // a JSON integer beyond a long: not usable as one
        }
      }
      return OptionalLong.empty();
    }

    /**
     * Whether path {@code i} occurs, usable or not; true for every path when the document as a
     * whole is ambiguous or malformed.
     */
    boolean occurs(int i) {
      return states[i] != ABSENT;
    }

    private void set(int i, byte state, String value) {
      states[i] = state;
      values[i] = value;
    }

    private void unusable(long paths) {
      for (int i = 0; i < states.length; i++) {
        if ((paths >>> i & 1) != 0) {
          set(i, UNUSABLE, null);
        }
      }
    }

    private Found unreadable() {
      java.util.Arrays.fill(states, UNUSABLE);
      java.util.Arrays.fill(values, null);
      return this;
    }
  }
}
