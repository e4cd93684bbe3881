package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hookverify.DeliveryId;
import dev.hookverify.DeliveryIdSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Values read from JSON bodies with jackson-core's streaming parser: one shared factory whose
 * limits bound the work on any body, and duplicate keys void the document, so a value cannot differ
 * from the one a last-wins parser in the application would see. Used after the signature checked
 * out (delivery ids, Zoom's URL validation, Linear's timestamp).
 */
final class JsonFields {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(1 << 20)
                  .maxNumberLength(64)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

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

  /**
   * The string (or number, as written) at {@code path} of a JSON object, if the whole body parses.
   */
  static Optional<String> string(ByteBuffer body, String... path) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return string(bytes, path);
  }

  static Optional<String> string(byte[] body, String... path) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String found = find(parser, path, 0);
      // Read to the end so a duplicate key or a malformed tail voids the value.
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
      return Optional.ofNullable(found);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The strings (or numbers) at several dotted {@code paths} of a JSON object, read in one pass; an
   * entry is null where a path is absent, and all are null if the body does not parse.
   */
  static String[] strings(ByteBuffer body, String... paths) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    String[] found = new String[paths.length];
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return found;
      }
      collect(parser, "", paths, found);
      if (parser.nextToken() != null) {
        return new String[paths.length]; // a malformed tail voids every value
      }
      return found;
    } catch (IOException | RuntimeException e) {
      return new String[paths.length];
    }
  }

  /** Positioned on START_OBJECT; consumes it, recording scalars whose dotted path is wanted. */
  private static void collect(JsonParser parser, String prefix, String[] paths, String[] found)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT && isPrefix(path + ".", paths)) {
        collect(parser, path + ".", paths, found);
        continue;
      }
      for (int i = 0; i < paths.length; i++) {
        if (paths[i].equals(path) && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
          found[i] = parser.getText();
        }
      }
      parser.skipChildren();
    }
  }

  private static boolean isPrefix(String prefix, String[] paths) {
    for (String path : paths) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Positioned on START_OBJECT; consumes the object. */
  private static String find(JsonParser parser, String[] path, int level) throws IOException {
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!field.equals(path[level])) {
        parser.skipChildren();
      } else if (level == path.length - 1
          && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
        found = parser.getText();
      } else if (level < path.length - 1 && value == JsonToken.START_OBJECT) {
        found = find(parser, path, level + 1);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }
}
