package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonFields: a value only from a body every parser reads alike, and only unambiguous there. */
class JsonFieldsTest {
  @Test
  void string_bodyParsersReadDifferently_noValue() {
    List<String> read = new ArrayList<>();
    for (String body :
        List.of(
            "{\"event_id\":\"a\"} {\"event_id\":\"b\"}",
            "{\"event_id\":\"a\"}x",
            "{\"event_id\":1.0}",
            "{\"event_id\":1e3}",
            "{\"event_id\":-0}",
            "{\"event_id\":\"a\",\"event_id.x\":\"b\"}",
            "{\"event_id\":\"\\ud800\"}",
            "\ufeff{\"event_id\":\"a\"}",
            "{\"x\":1,\"x\":2,\"event_id\":\"a\"}")) {
      JsonFields.string(utf8(body), "event_id").ifPresent(v -> read.add(body + " -> " + v));
    }
    // Jackson would read UTF-16 (it guesses from the zero bytes); Gson and org.json would not.
    byte[] utf16 = "{\"event_id\":\"a\"}".getBytes(StandardCharsets.UTF_16LE);
    JsonFields.string(utf16, "event_id").ifPresent(v -> read.add("UTF-16LE -> " + v));
    assertThat(read).isEmpty();
  }

  @Test
  void strings_literalDottedKeySpellingThePath_noValue() {
    // Zoom's URL validation reads payload.plainToken: a literal key must not stand in for it.
    String body =
        "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"a\"},"
            + "\"payload.plainToken\":\"b\"}";
    assertThat(JsonFields.strings(ByteBuffer.wrap(utf8(body)), "event", "payload.plainToken"))
        .containsExactly(null, null);
    String plain = "{\"event\":\"e\",\"payload\":{\"plainToken\":\"a\"}}";
    assertThat(JsonFields.strings(ByteBuffer.wrap(utf8(plain)), "event", "payload.plainToken"))
        .containsExactly("e", "a");
  }

  @Test
  void string_unambiguousBody_value() {
    assertThat(JsonFields.string(utf8("{\"event_id\":\"evt_1\"}"), "event_id")).contains("evt_1");
    assertThat(JsonFields.string(utf8(" {\"event_id\":12}\n"), "event_id")).contains("12");
    assertThat(JsonFields.string(utf8("{\"a.b\":1,\"event_id\":\"e\"}"), "event_id")).contains("e");
  }
}
