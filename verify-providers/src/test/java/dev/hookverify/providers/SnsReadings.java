package dev.hookverify.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hookverify.VerifiedWebhook;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How handlers read an SNS message with Jackson databind, Gson and org.json, for the differential
 * test and the fuzz target: the top-level fields as text, and the canonical message they make.
 */
public final class SnsReadings {
  private static final List<String> FIELDS =
      List.of(
          "Message",
          "MessageId",
          "Subject",
          "SubscribeURL",
          "Timestamp",
          "Token",
          "TopicArn",
          "Type",
          "SignatureVersion",
          "SigningCertURL");
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private SnsReadings() {}

  /** The canonical message of {@code fields}, or null if they make none. */
  public static String canonical(Map<String, String> fields) {
    return AwsSns.canonical(fields);
  }

  /**
   * Why a parser reads {@code webhook} (accepted by an SNS verifier) otherwise than the verified
   * view, or empty if every parser reads the same canonical message and MessageId.
   */
  public static Optional<String> disagreement(VerifiedWebhook webhook) {
    AwsSns.Message ours = AwsSns.message(webhook);
    String verified = AwsSns.canonical(view(ours));
    for (Map.Entry<String, Map<String, String>> reading : allReadings(webhook.body()).entrySet()) {
      Map<String, String> theirs = reading.getValue();
      if (theirs == null) {
        return Optional.of(reading.getKey() + " cannot read the accepted document");
      }
      if (!verified.equals(AwsSns.canonical(theirs))
          || !ours.messageId().equals(theirs.get("MessageId"))) {
        return Optional.of(reading.getKey() + " reads another message");
      }
    }
    return Optional.empty();
  }

  static Map<String, String> view(AwsSns.Message message) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", message.type());
    fields.put("MessageId", message.messageId());
    fields.put("TopicArn", message.topicArn());
    fields.put("Message", message.message());
    fields.put("Timestamp", message.timestampText());
    message.subject().ifPresent(s -> fields.put("Subject", s));
    message.subscribeUrl().ifPresent(s -> fields.put("SubscribeURL", s));
    message.token().ifPresent(s -> fields.put("Token", s));
    return fields;
  }

  /** The document as UTF-8, and as UTF-8 with one invalid byte after its first quote. */
  static List<byte[]> encodings(String doc) {
    byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
    int quote = doc.indexOf("\"Message\":\"");
    if (quote < 0) {
      return List.of(utf8);
    }
    byte[] invalid =
        doc.replace("\"Message\":\"", "\"Message\":\"\u0001").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < invalid.length; i++) {
      if (invalid[i] == 1) {
        invalid[i] = (byte) 0xc0;
      }
    }
    return List.of(utf8, invalid);
  }

  /** Every distinct canonical message a parser reads from {@code bytes}. */
  public static Set<String> readings(byte[] bytes) {
    Set<String> canonicals = new LinkedHashSet<>();
    for (Map<String, String> fields : allReadings(bytes).values()) {
      if (fields != null) {
        String canonical = AwsSns.canonical(fields);
        if (canonical != null) {
          canonicals.add(canonical);
        }
      }
    }
    return canonicals;
  }

  /** What each parser's handler reads: the top-level fields as text, or null if it cannot. */
  public static Map<String, Map<String, String>> allReadings(byte[] bytes) {
    Map<String, Map<String, String>> readings = new LinkedHashMap<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    readings.put("jackson", jackson(bytes));
    readings.put("gson", gson(text));
    readings.put("org.json", orgJson(text));
    return readings;
  }

  private static Map<String, String> jackson(byte[] bytes) {
    try {
      JsonNode node = JACKSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        return null;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String name : FIELDS) {
        JsonNode value = node.get(name);
        if (value != null && !value.isNull()) {
          fields.put(name, value.isValueNode() ? value.asText() : value.toString());
        }
      }
      return fields;
    } catch (Exception e) {
      return null;
    }
  }

  private static Map<String, String> gson(String text) {
    try {
      JsonElement element = com.google.gson.JsonParser.parseString(text);
      if (!element.isJsonObject()) {
        return null;
      }
      JsonObject object = element.getAsJsonObject();
      Map<String, String> fields = new LinkedHashMap<>();
      for (String name : FIELDS) {
        JsonElement value = object.get(name);
        if (value != null && !value.isJsonNull()) {
          fields.put(name, value.isJsonPrimitive() ? value.getAsString() : value.toString());
        }
      }
      return fields;
    } catch (Exception e) {
      return null;
    }
  }

  private static Map<String, String> orgJson(String text) {
    try {
      org.json.JSONObject object = new org.json.JSONObject(text);
      Map<String, String> fields = new LinkedHashMap<>();
      for (String name : FIELDS) {
        if (object.has(name) && !object.isNull(name)) {
          fields.put(name, String.valueOf(object.get(name)));
        }
      }
      return fields;
    } catch (Exception e) {
      return null;
    }
  }
}
