package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryId;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.Sha256;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Adyen standard webhooks: no header; every {@code NotificationRequestItem} carries its own {@code
 * additionalData.hmacSignature}, the base64 HMAC-SHA256 (key: the hex HMAC key from the Customer
 * Area, hex-decoded) of {@code pspReference:originalReference:merchantAccountCode:
 * merchantReference:amount.value:amount.currency:eventCode:success}, absent and {@code null} fields
 * empty, as Adyen's SDKs sign them. A request is accepted only if every item verifies. The
 * signature covers those fields, not the body, so the body is not reported as signed.
 *
 * <p><b>What is verified is what the handler reads.</b> The body is parsed once, strictly (the
 * rules are at {@link #items(VerifiedWebhook)}): every element of {@code notificationItems} that
 * Jackson, Gson or org.json would see is an item whose signature is checked, read as it was signed,
 * or the request is refused ({@link Reason#MALFORMED_SIGNATURE}). Read the verified items with
 * {@link #items(VerifiedWebhook)}, never by parsing the body again.
 *
 * <p><b>One delivery, one key.</b> The delivery id is a SHA-256 of the items' signed fields (in any
 * order), signed: a replayer who changes unsigned bytes gets {@link Reason#DUPLICATE_DELIVERY} from
 * an {@code IdempotentVerifier}. Every item is signed on its own, so a replayer can resend a subset
 * of a multi-item delivery under a new key: deduplicate items on {@link NotificationItem#id()}
 * where that matters.
 *
 * <p><b>A forgery costs bounded work.</b> One parse per request, whatever the number of keys, of at
 * most 50,000 tokens before any signature is checked; then one HMAC per item per key, at most
 * {@value #MAX_ITEMS} items. A forged request allocates at most 4 MiB however it is shaped (3.1 MiB
 * measured at the 1 MiB body limit with five keys: 25,000 distinct keys in one object; {@code
 * JsonBodyFloodTest}).
 *
 * @see <a href="https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures/">
 *     Adyen: verify HMAC signatures</a>
 */
public final class Adyen {
  /** The registry name. */
  public static final String NAME = "adyen";

  /** The most notification items accepted in one request. */
  public static final int MAX_ITEMS = 100;

  private static final String SYNTHETIC_HEADER = "Adyen-Item-Signature";
  private static final Attempt NOT_A_NOTIFICATION =
      Attempt.absent("body is not an Adyen notification");
  private static final Attempt TOO_MANY_ITEMS =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "more than " + MAX_ITEMS + " notification items");
  private static final Attempt AMBIGUOUS =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "body is not an Adyen notification every parser reads alike");
  private static final String[] FIELDS = {
    "pspReference", "originalReference", "merchantAccountCode", "merchantReference"
  };

  /** The item's signed string fields, in the order the signed text has them (but the amount). */
  private static final String[] STRING_FIELDS = {
    "pspReference", "originalReference", "merchantAccountCode", "merchantReference", "eventCode"
  };

  private static final int MERCHANT_REFERENCE = 3;
  private static final String[] ITEM_FIELDS = {
    "pspReference",
    "originalReference",
    "merchantAccountCode",
    "merchantReference",
    "eventCode",
    "amount",
    "success",
    "additionalData",
    "NotificationRequestItem"
  };

  private Adyen() {}

  /**
   * What Adyen posts for {@code webhook}, signed with {@code key}: a notification of one item for
   * the webhook's id ({@code pspReference}) and event ({@code eventCode}, default {@code
   * AUTHORISATION}), an amount of 10.00 EUR, {@code success} true and the item's {@code
   * hmacSignature}. Adyen builds its notifications itself, so the webhook's body is not used.
   */
  static SignedDelivery signedDelivery(WebhookSecret key, OutgoingWebhook webhook) {
    String event = webhook.event("AUTHORISATION");
    if (!(webhook.id() + event).matches("[A-Za-z0-9._:-]{1,256}")) {
      throw new IllegalArgumentException("Adyen references and event codes are plain tokens");
    }
    Map<String, String> item = new java.util.LinkedHashMap<>();
    item.put("pspReference", webhook.id());
    item.put("originalReference", "");
    item.put("merchantAccountCode", "TestMerchant");
    item.put("merchantReference", "order-" + webhook.id());
    item.put("amount.value", "1000");
    item.put("amount.currency", "EUR");
    item.put("eventCode", event);
    item.put("success", "true");
    String body =
        "{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{"
            + "\"pspReference\":\""
            + webhook.id()
            + "\","
            + "\"originalReference\":\"\","
            + "\"merchantAccountCode\":\"TestMerchant\","
            + "\"merchantReference\":\"order-"
            + webhook.id()
            + "\","
            + "\"amount\":{\"value\":1000,\"currency\":\"EUR\"},"
            + "\"eventCode\":\""
            + event
            + "\","
            + "\"success\":\"true\","
            + "\"eventDate\":\""
            + java.time.Instant.ofEpochSecond(webhook.timestamp())
            + "\","
            + "\"additionalData\":{\"hmacSignature\":\""
            + sign(key, item)
            + "\"}}}]}";
    return SignedDelivery.of(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** The HMAC key as the Customer Area shows it: hex. */
  public static WebhookSecret secret(String hexKey) {
    return WebhookSecret.ofHex(hexKey);
  }

  /** A verifier builder for the HMAC keys of {@code keys} (see {@link #secret}). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(new ItemSignatures(keys))
        .deliveryId(
            (request, authentication) -> Optional.of(deliveryId(verifiedItems(request.body()))));
  }

  /** The data an item's signature covers. */
  static String dataToSign(Map<String, String> item) {
    StringBuilder out = new StringBuilder();
    for (String field : FIELDS) {
      out.append(item.getOrDefault(field, "")).append(':');
    }
    out.append(item.getOrDefault("amount.value", "")).append(':');
    out.append(item.getOrDefault("amount.currency", "")).append(':');
    out.append(item.getOrDefault("eventCode", "")).append(':');
    return out.append(item.getOrDefault("success", "")).toString();
  }

  /** The {@code hmacSignature} of an item with these fields. */
  static String sign(WebhookSecret key, Map<String, String> item) {
    byte[] data = dataToSign(item).getBytes(StandardCharsets.UTF_8);
    byte[] tag =
        SignedContent.body()
            .hmac(HmacAlgorithm.SHA256, key, Signed.request("POST", "", Map.of(), data), "");
    return Signed.base64(tag);
  }

  /**
   * The notification items of a delivery {@code webhook} that an Adyen verifier accepted, read from
   * the verified body by the same strict parse the verifier used: exactly the items whose
   * signatures were checked, with their signed fields typed. Read these, not a second parse of the
   * body; the items' other fields ({@code eventDate}, {@code reason}, most of {@code
   * additionalData}) are not signed.
   *
   * <p>The parse refuses, so the verifier rejects: bytes that are not strict UTF-8, a byte order
   * mark, anything after the document, a key repeated in any object, nesting deeper than 64; an
   * element of {@code notificationItems} that is not an object holding a {@code
   * NotificationRequestItem} object; in the item and its {@code amount}, a key with a dot ({@code
   * "amount.value"}) or one that differs from a field read here only in case; a signed text that is
   * not a string or null, an {@code amount.value} that is not an integer or null, a {@code success}
   * that is not {@code "true"}, {@code "false"}, {@code true} or {@code false} (absent or null too:
   * Adyen's Java SDK would sign it {@code false}, its Node SDK empty); an unpaired surrogate in a
   * signed text (UTF-8 would sign it as {@code '?'}); a {@code ':'} in any signed text but the
   * merchant reference (the signed text joins fields with {@code ':'} unescaped, so a colon could
   * move between fields under the same signature); the same item twice; more than {@value
   * #MAX_ITEMS} items.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by an Adyen verifier
   */
  public static List<NotificationItem> items(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME) || webhook.proof() != Proof.HMAC_SIGNATURE) {
      throw new IllegalArgumentException("not an Adyen delivery: " + webhook.provider());
    }
    return verifiedItems(ByteBuffer.wrap(webhook.body()));
  }

  /**
   * The items of a body an Adyen verifier accepted.
   *
   * @throws IllegalArgumentException if the body is not one an Adyen verifier accepts
   */
  private static List<NotificationItem> verifiedItems(ByteBuffer body) {
    List<NotificationItem> items = new ArrayList<>();
    if (read(body, items) != null) {
      throw new IllegalArgumentException("not a verified Adyen delivery");
    }
    return List.copyOf(items);
  }

  /**
   * One {@code NotificationRequestItem} whose signature verified: its signed fields, typed, as
   * Adyen signed them (a field that is absent or JSON {@code null} is the empty string, as in
   * Adyen's SDKs). Immutable and thread-safe.
   */
  public static final class NotificationItem {
    private final String pspReference;
    private final String originalReference;
    private final String merchantAccountCode;
    private final String merchantReference;
    private final Long amountValue;
    private final String amountCurrency;
    private final String eventCode;
    private final boolean success;
    private final String hmacSignature;

    private NotificationItem(Item item) {
      this.pspReference = item.strings[0];
      this.originalReference = item.strings[1];
      this.merchantAccountCode = item.strings[2];
      this.merchantReference = item.strings[3];
      this.eventCode = item.strings[4];
      this.amountValue = item.amountValue;
      this.amountCurrency = item.amountCurrency;
      this.success = item.success;
      this.hmacSignature = item.hmacSignature;
    }

    /** Adyen's reference of the payment or modification. */
    public String pspReference() {
      return pspReference;
    }

    /** The reference of the original payment, for modifications; empty otherwise. */
    public String originalReference() {
      return originalReference;
    }

    /** The merchant account. */
    public String merchantAccountCode() {
      return merchantAccountCode;
    }

    /** The merchant's own reference. */
    public String merchantReference() {
      return merchantReference;
    }

    /** The amount in minor units, if the item has one. */
    public OptionalLong amountValue() {
      return amountValue == null ? OptionalLong.empty() : OptionalLong.of(amountValue);
    }

    /** The amount's currency code; empty if the item has none. */
    public String amountCurrency() {
      return amountCurrency;
    }

    /** The event, such as {@code AUTHORISATION}. */
    public String eventCode() {
      return eventCode;
    }

    /** Whether the event succeeded. */
    public boolean success() {
      return success;
    }

    /**
     * A stable id of this item: the SHA-256, hex, of the text its signature covers. A replayer can
     * resend any subset of a multi-item delivery, each subset under a new delivery key (every item
     * is signed on its own), so deduplicate items on this id where that matters.
     */
    public String id() {
      return Signed.hex(Tokens.sha256(dataToSign()));
    }

    /** The text the signature covers. */
    String dataToSign() {
      return pspReference
          + ':'
          + originalReference
          + ':'
          + merchantAccountCode
          + ':'
          + merchantReference
          + ':'
          + (amountValue == null ? "" : amountValue.toString())
          + ':'
          + amountCurrency
          + ':'
          + eventCode
          + ':'
          + success;
    }

    String hmacSignature() {
      return hmacSignature;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NotificationItem
          && ((NotificationItem) o).dataToSign().equals(dataToSign());
    }

    @Override
    public int hashCode() {
      return dataToSign().hashCode();
    }

    @Override
    public String toString() {
      return "Adyen.NotificationItem{"
          + pspReference
          + ", "
          + eventCode
          + ", success="
          + success
          + "}";
    }
  }

  /**
   * The delivery id: a SHA-256, hex, over the SHA-256 of each item's signed text, sorted. It is a
   * function of what is signed only, so a replayer who changes unsigned bytes (other fields,
   * spacing, the order of the items) keeps it.
   */
  static DeliveryId deliveryId(List<NotificationItem> items) {
    List<byte[]> digests = new ArrayList<>(items.size());
    for (NotificationItem item : items) {
      digests.add(Tokens.sha256(item.dataToSign()));
    }
    digests.sort(Arrays::compare);
    MessageDigest all = Sha256.newDigest();
    for (byte[] digest : digests) {
      all.update(digest); // fixed-length parts: the concatenation is unambiguous
    }
    return DeliveryId.of(Signed.hex(all.digest()), true);
  }

  /** Verifies each item's signature with core's HMAC engine. */
  private static final class ItemSignatures implements Authenticator {
    private static final Attempt NO_ITEMS =
        Attempt.absent("body carries no signed notification item");
    private static final Attempt UNSIGNED_ITEM =
        Attempt.absent("a notification item has no hmacSignature");
    private static final Attempt REPEATED_ITEM =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, "the same notification item twice");

    private final HmacAuthenticator hmac;

    ItemSignatures(KeyRing keys) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(
                  SignatureHeader.builder(SYNTHETIC_HEADER)
                      .encoding(SignatureEncoding.BASE64)
                      .build())
              .signedContent(SignedContent.body())
              .keys(keys)
              .build();
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      List<NotificationItem> items = new ArrayList<>();
      Attempt unread = read(request.body(), items); // once, whatever the number of keys
      if (unread != null) {
        return unread;
      }
      if (items.isEmpty()) {
        return NO_ITEMS;
      }
      Set<String> signed = new HashSet<>();
      for (NotificationItem item : items) {
        if (item.hmacSignature() == null) {
          return UNSIGNED_ITEM;
        }
        if (!signed.add(item.dataToSign())) {
          // [A] and [A, A] would be two deliveries with two keys, and A processed twice.
          return REPEATED_ITEM;
        }
      }
      Attempt.Proven last = null;
      for (NotificationItem item : items) {
        WebhookRequest itemRequest =
            WebhookRequest.builder()
                .header(SYNTHETIC_HEADER, item.hmacSignature())
                .body(item.dataToSign().getBytes(StandardCharsets.UTF_8))
                .build();
        Attempt attempt = hmac.attempt(itemRequest, context);
        if (!(attempt instanceof Attempt.Proven)) {
          return attempt; // every item must verify
        }
        last = (Attempt.Proven) attempt;
      }
      return Attempt.proven(last.authentication().withoutCoverage());
    }
  }

  /** An item's fields while it is read. */
  private static final class Item {
    final String[] strings = {"", "", "", "", ""};
    Long amountValue;
    String amountCurrency = "";
    Boolean success;
    String hmacSignature;
  }

  /**
   * Reads the notification items of {@code body} into {@code items}, in one strict pass ({@link
   * StrictJson}: the whole body, every key unique, nothing after it). Every element of {@code
   * notificationItems} must be an object holding a {@code NotificationRequestItem} object. In the
   * item and its {@code amount}, a key with a dot, or one that differs from a field read here only
   * in case, is refused, as is a value of the wrong type: the signed texts are strings or null,
   * {@code amount.value} an integer or null, {@code success} is {@code "true"}, {@code "false"},
   * {@code true} or {@code false} (absent or null is refused: Adyen's Java SDK would sign it {@code
   * false}, its Node SDK as empty). A {@code ':'} in any signed text but the merchant reference is
   * refused, so the signed text splits into fields one way only.
   *
   * @return null if the body was read; else why it holds no items to verify: {@link Attempt#absent}
   *     if the body is not a JSON object at all, {@link Reason#MALFORMED_SIGNATURE} if it is not
   *     one every parser reads alike, or holds more than {@value #MAX_ITEMS} items
   */
  static Attempt read(ByteBuffer body, List<NotificationItem> items) {
    if (!StrictJson.isObject(body)) {
      return NOT_A_NOTIFICATION;
    }
    // Jackson reports malformed JSON by throwing, so a refusal inside the parse throws too; it is
    // turned into a value here, once.
    try (JsonParser parser = StrictJson.openUnverified(body)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (!name.equals("notificationItems")) {
          refuseLookalike(parser, name, "notificationItems");
          StrictJson.skipValue(parser);
          continue;
        }
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new JsonParseException(parser, "notificationItems is not an array");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (items.size() == MAX_ITEMS) {
            return TOO_MANY_ITEMS;
          }
          items.add(new NotificationItem(element(parser)));
        }
      }
      StrictJson.end(parser);
      return null;
    } catch (IOException | RuntimeException e) {
      return AMBIGUOUS;
    }
  }

  /** Positioned on an element of notificationItems: {@code {"NotificationRequestItem": {..}}}. */
  private static Item element(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(parser, "a notification item is not an object");
    }
    Item item = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (!name.equals("NotificationRequestItem")) {
        refuseLookalike(parser, name, "NotificationRequestItem");
        StrictJson.skipValue(parser);
        continue;
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(parser, "a NotificationRequestItem is not an object");
      }
      item = item(parser);
    }
    if (item == null) {
      throw new JsonParseException(parser, "a notification item has no NotificationRequestItem");
    }
    return item;
  }

  /** Positioned on a NotificationRequestItem's START_OBJECT; consumes it. */
  private static Item item(JsonParser parser) throws IOException {
    Item item = new Item();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int field = STRING_FIELDS.length - 1;
      while (field >= 0 && !STRING_FIELDS[field].equals(name)) {
        field--;
      }
      if (field >= 0) {
        item.strings[field] = signedText(parser, value, field != MERCHANT_REFERENCE);
      } else if (name.equals("amount")) {
        if (value == JsonToken.START_OBJECT) {
          amount(parser, item);
        } else if (value != JsonToken.VALUE_NULL) {
          throw new JsonParseException(parser, "amount is not an object");
        }
      } else if (name.equals("success")) {
        item.success = success(parser, value);
      } else if (name.equals("additionalData")) {
        if (value == JsonToken.START_OBJECT) {
          additionalData(parser, item);
        } else if (value != JsonToken.VALUE_NULL) {
          throw new JsonParseException(parser, "additionalData is not an object");
        }
      } else {
        refuseLookalike(parser, name, ITEM_FIELDS);
        parser.skipChildren();
      }
    }
    if (item.success == null) {
      throw new JsonParseException(parser, "a notification item has no success");
    }
    return item;
  }

  private static void amount(JsonParser parser, Item item) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("value")) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
          item.amountValue = Long.parseLong(StrictJson.integer(parser)); // beyond a long: refused
        } else if (value != JsonToken.VALUE_NULL) {
          throw new JsonParseException(parser, "amount.value is not an integer");
        }
      } else if (name.equals("currency")) {
        item.amountCurrency = signedText(parser, value, true);
      } else {
        refuseLookalike(parser, name, "value", "currency");
        parser.skipChildren();
      }
    }
  }

  private static void additionalData(JsonParser parser, Item item) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("hmacSignature")) {
        if (value == JsonToken.VALUE_STRING) {
          item.hmacSignature = parser.getText();
        } else if (value != JsonToken.VALUE_NULL) {
          throw new JsonParseException(parser, "hmacSignature is not a string");
        }
      } else if (name.equalsIgnoreCase("hmacSignature")) {
        throw new JsonParseException(parser, "a key that differs from hmacSignature in case");
      } else {
        parser.skipChildren(); // other additional data is not signed; dotted keys are usual here
      }
    }
  }

  /** A signed string field: its text, or "" for JSON null, as Adyen's SDKs sign it. */
  private static String signedText(JsonParser parser, JsonToken value, boolean noColon)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return "";
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new JsonParseException(parser, "a signed field is not a string");
    }
    String text = parser.getText();
    if (noColon && text.indexOf(':') >= 0) {
      // The signed text joins fields with ':' unescaped: a ':' could move between fields.
      throw new JsonParseException(parser, "a ':' in a signed field");
    }
    if (StrictJson.hasLoneSurrogate(text)) {
      // Signed as UTF-8, an unpaired surrogate becomes '?' (Java) or U+FFFD (Node).
      throw new JsonParseException(parser, "an unpaired surrogate in a signed field");
    }
    return text;
  }

  private static boolean success(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
      return value == JsonToken.VALUE_TRUE;
    }
    if (value == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (text.equals("true") || text.equals("false")) {
        return text.equals("true");
      }
    }
    throw new JsonParseException(parser, "success is not true or false");
  }

  /**
   * Refuses a key with a dot (a flattening reader would take {@code "amount.value"} for the nested
   * value) or one that matches a field read here but for case.
   */
  private static void refuseLookalike(JsonParser parser, String name, String... fields)
      throws IOException {
    if (name.indexOf('.') >= 0) {
      throw new JsonParseException(parser, "a literal dotted key");
    }
    for (String field : fields) {
      if (name.equalsIgnoreCase(field)) {
        throw new JsonParseException(parser, "a key that differs from " + field + " in case");
      }
    }
  }
}
