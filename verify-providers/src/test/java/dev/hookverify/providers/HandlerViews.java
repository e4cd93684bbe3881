package dev.hookverify.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import dev.hookverify.VerifiedWebhook;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The differential oracle: what a handler reads from a body with the JSON parsers handlers use
 * (Jackson databind, Gson, org.json, each called the usual way), compared with the view the
 * verifier vouched for. A verifier may refuse anything; what it accepts must read the same in every
 * parser, or a parser must refuse the body outright (org.json refuses repeated keys).
 */
public final class HandlerViews {
  /** A parser a handler may use. */
  public enum Parser {
    JACKSON_DATABIND,
    GSON,
    ORG_JSON
  }

  /** JSON null in a tree. */
  public static final Object NULL = new Marker("null");

  /** A key that is not there. */
  public static final Object ABSENT = new Marker("absent");

  /** A value that a handler could not read as the field's type. */
  public static final Object WRONG_TYPE = new Marker("wrong type");

  private static final ObjectMapper JACKSON = new ObjectMapper();

  private HandlerViews() {}

  /**
   * The tree {@code parser} reads from {@code body}, as plain Java: {@code Map} (insertion order),
   * {@code List}, {@code String}, {@code BigDecimal} (trailing zeros stripped), {@code Boolean},
   * {@link #NULL}.
   *
   * @throws Exception whatever the parser throws when it refuses the body
   */
  public static Object read(Parser parser, byte[] body) throws Exception {
    switch (parser) {
      case JACKSON_DATABIND:
        return plain(JACKSON.readTree(body));
      case GSON:
        return plain(com.google.gson.JsonParser.parseString(utf8(body)));
      default:
        return plain(new JSONObject(utf8(body)));
    }
  }

  /**
   * A first-wins reading of the first document in {@code body}, duplicates allowed: the view of a
   * verifier that would read the first of two keys. Only to sign bodies for what such a reader
   * sees, never as an oracle. Null if Jackson's streaming parser refuses the body.
   */
  public static Object firstWins(byte[] body) {
    try (com.fasterxml.jackson.core.JsonParser p =
        new com.fasterxml.jackson.core.JsonFactory().createParser(body)) {
      p.nextToken();
      return firstWins(p);
    } catch (Exception e) {
      return null;
    }
  }

  private static Object firstWins(com.fasterxml.jackson.core.JsonParser p) throws Exception {
    switch (p.currentToken()) {
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.putIfAbsent(name, firstWins(p));
        }
        return map;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
          list.add(firstWins(p));
        }
        return list;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(new BigDecimal(p.getText()));
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return NULL;
    }
  }

  /**
   * The tree as a flattening reader sees it: a literal key with dots ({@code "amount.value"}) is
   * taken for the nested path it spells, over what is nested there. Only to sign bodies for what
   * such a reader sees, never as an oracle.
   */
  public static Object dotsExpanded(Object tree) {
    if (tree instanceof List) {
      List<Object> list = new ArrayList<>();
      ((List<?>) tree).forEach(element -> list.add(dotsExpanded(element)));
      return list;
    }
    if (!(tree instanceof Map)) {
      return tree;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    List<Map.Entry<?, ?>> dotted = new ArrayList<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) tree).entrySet()) {
      if (((String) entry.getKey()).indexOf('.') >= 0) {
        dotted.add(entry);
      } else {
        map.put((String) entry.getKey(), dotsExpanded(entry.getValue()));
      }
    }
    for (Map.Entry<?, ?> entry : dotted) {
      String[] keys = ((String) entry.getKey()).split("\\.");
      Map<String, Object> node = map;
      for (int i = 0; i < keys.length - 1; i++) {
        Object next = node.get(keys[i]);
        if (!(next instanceof Map)) {
          next = new LinkedHashMap<String, Object>();
          node.put(keys[i], next);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) next;
        node = child;
      }
      node.put(keys[keys.length - 1], dotsExpanded(entry.getValue()));
    }
    return map;
  }

  /**
   * Where a delivery that {@code provider}'s verifier accepted reads differently in a handler's
   * parser than in the verified view: Adyen's items, Mailgun's signed pair, Linear's timestamp, a
   * delivery id from the body. Empty when every parser reads the verified view, or the provider
   * reads nothing from the body. The fuzz targets' oracle.
   */
  public static Optional<String> disagreement(
      Provider provider, VerifiedWebhook webhook, byte[] body) {
    Object ours;
    Function<Object, Object> view;
    switch (provider.name()) {
      case Adyen.NAME:
        ours = adyenItems(webhook);
        view = HandlerViews::adyenItems;
        break;
      case Mailgun.NAME:
        ours = mailgunSignature(webhook);
        view = HandlerViews::mailgunSignature;
        break;
      case Linear.NAME:
        OptionalLong timestamp = linearTimestamp(body);
        if (timestamp.isEmpty()) {
          return Optional.of("accepted without a readable webhookTimestamp");
        }
        ours = timestamp.getAsLong();
        view = tree -> integer(at(tree, "webhookTimestamp"));
        break;
      case Vonage.NAME:
        // The delivery id is message_uuid, else uuid, else the verified token's jti.
        if (webhook.deliveryId().isEmpty()) {
          return Optional.empty();
        }
        ours = webhook.deliveryId().get();
        Object jti = webhook.jws().flatMap(jws -> jws.stringClaim("jti")).orElse(null);
        view =
            tree -> {
              Object id = text(at(tree, "message_uuid"));
              id = id == ABSENT ? text(at(tree, "uuid")) : id;
              return id == ABSENT ? jti : id;
            };
        break;
      case GooglePubSub.NAME:
        if (webhook.deliveryId().isEmpty()) {
          return Optional.empty();
        }
        ours = webhook.deliveryId().get();
        view = tree -> text(at(tree, "message", "messageId"));
        break;
      default:
        if (!provider.deliveryId().startsWith("body ") || webhook.deliveryId().isEmpty()) {
          return Optional.empty();
        }
        String field = provider.deliveryId().substring("body ".length());
        ours = webhook.deliveryId().get();
        view = tree -> text(at(tree, field.split("\\.", -1))); // PagerDuty's event.id is nested
    }
    for (Parser parser : Parser.values()) {
      Object theirs;
      try {
        theirs = view.apply(read(parser, body));
      } catch (Exception refused) {
        return Optional.of(parser + " refuses a body the verifier accepted: " + refused);
      }
      if (!ours.equals(theirs)) {
        return Optional.of("verified " + ours + ", but " + parser + " reads " + theirs);
      }
    }
    return Optional.empty();
  }

  /** The value at {@code path} of a tree, or {@link #ABSENT}. */
  public static Object at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      if (!(node instanceof Map)) {
        return node == ABSENT ? ABSENT : WRONG_TYPE;
      }
      node = ((Map<?, ?>) node).containsKey(key) ? ((Map<?, ?>) node).get(key) : ABSENT;
    }
    return node;
  }

  /**
   * A string field as a handler reads text: the string, or an integer's digits; {@link #ABSENT}, or
   * {@link #WRONG_TYPE} for anything else.
   */
  public static Object text(Object value) {
    if (value instanceof String || value == ABSENT) {
      return value;
    }
    if (value instanceof BigDecimal && ((BigDecimal) value).scale() <= 0) {
      return ((BigDecimal) value).toPlainString();
    }
    return WRONG_TYPE;
  }

  /** An integer field as a handler reads a long, or {@link #ABSENT}, or {@link #WRONG_TYPE}. */
  public static Object integer(Object value) {
    if (value == ABSENT) {
      return ABSENT;
    }
    if (value instanceof BigDecimal) {
      try {
        return ((BigDecimal) value).longValueExact();
      } catch (ArithmeticException e) {
        return WRONG_TYPE;
      }
    }
    return WRONG_TYPE;
  }

  /**
   * The organization a MightyCall handler reads: {@code org_id}, else {@code integration_id}; the
   * two must agree when both are there.
   */
  public static Object mightyCallOrganization(Object tree) {
    Object org = text(at(tree, "org_id"));
    Object integration = text(at(tree, "integration_id"));
    if (org == ABSENT) {
      return integration;
    }
    return integration == ABSENT || integration.equals(org) ? org : WRONG_TYPE;
  }

  /** Mailgun's signed pair as a handler reads it: [timestamp seconds, token]. */
  public static List<Object> mailgunSignature(Object tree) {
    Object timestamp = at(tree, "signature", "timestamp");
    if (timestamp instanceof String && ((String) timestamp).matches("[0-9]{1,18}")) {
      timestamp = Long.parseLong((String) timestamp);
    } else {
      timestamp = integer(timestamp);
    }
    Object token = at(tree, "signature", "token");
    return List.of(timestamp, token instanceof String ? token : WRONG_TYPE);
  }

  /**
   * Adyen's items as a handler reads them, each as its eight signed fields in the order of the
   * signed text (absent and null texts are "", as Adyen's SDKs sign them); {@link #WRONG_TYPE}
   * where the structure or a type is not what a handler can read.
   */
  public static Object adyenItems(Object tree) {
    Object elements = at(tree, "notificationItems");
    if (elements == ABSENT) {
      return List.of();
    }
    if (!(elements instanceof List)) {
      return WRONG_TYPE;
    }
    List<Object> items = new ArrayList<>();
    for (Object element : (List<?>) elements) {
      Object item = at(element, "NotificationRequestItem");
      if (!(item instanceof Map)) {
        return WRONG_TYPE;
      }
      items.add(adyenItem(item));
    }
    return items;
  }

  /** One item's eight signed fields, and its hmacSignature last (or {@link #ABSENT}). */
  public static List<Object> adyenItem(Object item) {
    List<Object> fields = new ArrayList<>();
    for (String name :
        new String[] {
          "pspReference", "originalReference", "merchantAccountCode", "merchantReference"
        }) {
      fields.add(signedText(at(item, name)));
    }
    Object amount = at(item, "amount");
    if (amount == ABSENT || amount == NULL) {
      fields.add(ABSENT);
      fields.add("");
    } else if (amount instanceof Map) {
      Object value = at(amount, "value");
      fields.add(value == NULL ? ABSENT : integer(value));
      fields.add(signedText(at(amount, "currency")));
    } else {
      fields.add(WRONG_TYPE);
      fields.add(WRONG_TYPE);
    }
    fields.add(signedText(at(item, "eventCode")));
    Object success = at(item, "success");
    if (success instanceof Boolean) {
      fields.add(success);
    } else if ("true".equals(success) || "false".equals(success)) {
      fields.add(Boolean.valueOf((String) success));
    } else {
      fields.add(WRONG_TYPE);
    }
    Object signature = at(item, "additionalData", "hmacSignature");
    fields.add(signature instanceof String ? signature : ABSENT);
    return fields;
  }

  private static Object signedText(Object value) {
    if (value == ABSENT || value == NULL) {
      return "";
    }
    return value instanceof String ? value : WRONG_TYPE;
  }

  /** The view Adyen's verifier vouched for, in the shape of {@link #adyenItems}. */
  public static Object adyenItems(VerifiedWebhook webhook) {
    List<Object> items = new ArrayList<>();
    for (Adyen.NotificationItem item : Adyen.items(webhook)) {
      items.add(
          List.of(
              item.pspReference(),
              item.originalReference(),
              item.merchantAccountCode(),
              item.merchantReference(),
              item.amountValue().isPresent() ? (Object) item.amountValue().getAsLong() : ABSENT,
              item.amountCurrency(),
              item.eventCode(),
              item.success(),
              item.hmacSignature()));
    }
    return items;
  }

  /** The signed text of an item view from {@link #adyenItem}, if every field is readable. */
  public static Optional<String> adyenDataToSign(List<Object> item) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      Object field = item.get(i);
      if (field == WRONG_TYPE) {
        return Optional.empty();
      }
      text.append(i == 0 ? "" : ":").append(field == ABSENT ? "" : field);
    }
    return Optional.of(text.toString());
  }

  /** The view Mailgun's verifier vouched for, in the shape of {@link #mailgunSignature}. */
  public static List<Object> mailgunSignature(VerifiedWebhook webhook) {
    Mailgun.Signature signature = Mailgun.signature(webhook);
    return List.of(signature.timestamp().getEpochSecond(), signature.token());
  }

  /** The timestamp Linear's verifier checked. */
  public static OptionalLong linearTimestamp(byte[] body) {
    return Linear.webhookTimestamp(ByteBuffer.wrap(body));
  }

  private static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static Object number(BigDecimal value) {
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  /** A number a parser holds as a double: not finite (1e400) is no number a handler can use. */
  private static Object number(String text) {
    try {
      return number(new BigDecimal(text));
    } catch (NumberFormatException infinite) {
      return WRONG_TYPE;
    }
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return ABSENT;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        map.put(field.getKey(), plain(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(plain(element)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.isFloatingPointNumber() ? number(node.asText()) : number(node.decimalValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return NULL;
  }

  private static Object plain(JsonElement element) {
    if (element.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (element.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      element.getAsJsonArray().forEach(e -> list.add(plain(e)));
      return list;
    }
    if (element.isJsonNull()) {
      return NULL;
    }
    com.google.gson.JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      return number(primitive.getAsBigDecimal());
    }
    return primitive.getAsString();
  }

  private static Object plain(Object value) {
    if (value instanceof JSONObject) {
      JSONObject object = (JSONObject) value;
      Map<String, Object> map = new LinkedHashMap<>();
      for (String key : object.keySet()) {
        map.put(key, plain(object.opt(key)));
      }
      return map;
    }
    if (value instanceof JSONArray) {
      List<Object> list = new ArrayList<>();
      for (Object element : (JSONArray) value) {
        list.add(plain(element));
      }
      return list;
    }
    if (value == null || JSONObject.NULL.equals(value)) {
      return NULL;
    }
    if (value instanceof Number) {
      return number(value.toString());
    }
    return value; // String or Boolean
  }

  private static final class Marker {
    private final String name;

    Marker(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "<" + name + ">";
    }
  }
}
