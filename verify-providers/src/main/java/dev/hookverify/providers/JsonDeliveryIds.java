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
 * Delivery ids read from a JSON body with jackson-core's streaming parser, after the signature
 * checked out. One shared factory whose limits bound the work on any body; duplicate keys make the
 * document unusable, so the id cannot differ from the one a last-wins parser would see.
 */
final class JsonDeliveryIds {
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

  private JsonDeliveryIds() {}

  /**
   * The string at top-level field {@code name} of a JSON object body; signed exactly when the proof
   * covers the body.
   */
  static DeliveryIdSource field(String name) {
    return (request, authentication) -> {
      Optional<String> id = read(request.body(), name);
      return id.filter(DeliveryId::isValid)
          .map(value -> DeliveryId.of(value, authentication.signsBody()));
    };
  }

  static Optional<String> read(ByteBuffer body, String name) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String found = null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(name) && value == JsonToken.VALUE_STRING) {
          found = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      // Read to the end so a duplicate key or a malformed tail voids the id.
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.ofNullable(found);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
