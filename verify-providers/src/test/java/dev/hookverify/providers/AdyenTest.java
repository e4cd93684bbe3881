package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adyen: every item a handler's parser sees is an item whose signature was checked, read as it was
 * signed; one delivery has one key, whatever unsigned bytes a replayer changes.
 */
class AdyenTest {
  private static final WebhookSecret KEY =
      Adyen.secret("9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6");
  private static final WebhookVerifier VERIFIER = Adyen.builder(KeyRing.of(KEY)).build();

  /** An old, genuine, harmless item: a report, zero EUR. */
  private static final Map<String, String> GENUINE =
      fields("psp_1", "Acct", "report_1", "0", "EUR", "REPORT_AVAILABLE", "true");

  /** What an attacker wants processed: a successful authorisation of 999,999.00 EUR. */
  private static final String FORGED =
      "{\"NotificationRequestItem\":{\"pspReference\":\"psp_F\",\"merchantAccountCode\":\"Acct\","
          + "\"merchantReference\":\"order_F\",\"amount\":{\"value\":99999900,\"currency\":\"EUR\"},"
          + "\"eventCode\":\"AUTHORISATION\",\"success\":\"true\","
          + "\"additionalData\":{\"hmacSignature\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}}}";

  private static Map<String, String> fields(
      String psp,
      String account,
      String reference,
      String value,
      String currency,
      String event,
      String success) {
    Map<String, String> item = new LinkedHashMap<>();
    item.put("pspReference", psp);
    item.put("merchantAccountCode", account);
    item.put("merchantReference", reference);
    item.put("amount.value", value);
    item.put("amount.currency", currency);
    item.put("eventCode", event);
    item.put("success", success);
    return item;
  }

  /** A NotificationRequestItem element, signed over {@code fields}. */
  private static String item(Map<String, String> fields) {
    return item(fields, Adyen.sign(KEY, fields));
  }

  private static String item(Map<String, String> fields, String signature) {
    return "{\"NotificationRequestItem\":{\"pspReference\":\""
        + fields.get("pspReference")
        + "\",\"merchantAccountCode\":\""
        + fields.get("merchantAccountCode")
        + "\",\"merchantReference\":\""
        + fields.get("merchantReference")
        + "\",\"amount\":{\"value\":"
        + fields.get("amount.value")
        + ",\"currency\":\""
        + fields.get("amount.currency")
        + "\"},\"eventCode\":\""
        + fields.get("eventCode")
        + "\",\"success\":\""
        + fields.get("success")
        + "\",\"additionalData\":{\"hmacSignature\":\""
        + signature
        + "\"}}}";
  }

  private static String notification(String... items) {
    return "{\"live\":\"false\",\"notificationItems\":[" + String.join(",", items) + "]}";
  }

  private static Reason verify(String body) {
    return reasonOf(VERIFIER, request(Map.of(), utf8(body)));
  }

  @Test
  void verify_genuineItem_accepted() throws Exception {
    VERIFIER.verify(request(Map.of(), utf8(notification(item(GENUINE)))));
  }

  @Test
  void verify_forgedItemAfterAnItemThatIsNoObject_rejectedMalformed() {
    List<String> accepted = new ArrayList<>();
    for (String notAnItem :
        List.of(
            "null",
            "\"x\"",
            "7",
            "[]",
            "{}",
            "{\"NotificationRequestItem\":null}",
            "{\"NotificationRequestItem\":\"x\"}",
            "{\"NotificationRequestItem\":[]}",
            "{\"other\":{}}")) {
      String body = notification(item(GENUINE), notAnItem, FORGED);
      if (verify(body) != Reason.MALFORMED_SIGNATURE) {
        accepted.add(notAnItem + " -> " + verify(body));
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void verify_repeatedNotificationItemsBehindAnEarlyStop_rejectedMalformed() {
    // Jackson and Gson read the last notificationItems: the forged item only.
    String body =
        "{\"notificationItems\":["
            + item(GENUINE)
            + ",null],\"notificationItems\":["
            + FORGED
            + "]}";
    assertThat(verify(body)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    String plain =
        "{\"notificationItems\":[" + item(GENUINE) + "],\"notificationItems\":[" + FORGED + "]}";
    assertThat(verify(plain)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_literalDottedKeyNextToTheNestedAmount_rejectedMalformed() {
    // Signed over amount 0; the nested amount every parser reads is 999,999.00.
    String genuine = item(GENUINE);
    String body =
        genuine
            .replace("\"amount\":{\"value\":0,", "\"amount\":{\"value\":99999900,")
            .replace("\"eventCode\"", "\"amount.value\":\"0\",\"eventCode\"");
    assertThat(verify(notification(body))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    String signature =
        genuine.replace(
            "\"additionalData\"", "\"additionalData.hmacSignature\":\"x\"," + "\"additionalData\"");
    assertThat(verify(notification(signature))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_documentAfterTheDocument_rejectedMalformed() {
    // Jackson databind reads the first document, Gson refuses the body: never accepted.
    String body = notification(item(GENUINE)) + " {\"notificationItems\":[" + FORGED + "]}";
    assertThat(verify(body)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_nullInASignedField_signedAsEmptyTextAsAdyensSdkDoes() throws Exception {
    // HMACValidator.getDataToSign: a null field joins as "" (Util.implode).
    Map<String, String> signed = fields("", "Acct", "", "", "", "REPORT_AVAILABLE", "true");
    String body =
        "{\"notificationItems\":[{\"NotificationRequestItem\":{\"pspReference\":null,"
            + "\"originalReference\":null,\"merchantAccountCode\":\"Acct\",\"merchantReference\":null,"
            + "\"amount\":{\"value\":null,\"currency\":null},\"eventCode\":\"REPORT_AVAILABLE\","
            + "\"success\":\"true\",\"additionalData\":{\"hmacSignature\":\""
            + Adyen.sign(KEY, signed)
            + "\"}}}]}";
    VERIFIER.verify(request(Map.of(), utf8(body)));
  }

  @Test
  void verify_signedFieldOfAnotherType_rejectedMalformed() {
    List<String> accepted = new ArrayList<>();
    // Each body is signed over the text the old scanner took from it (a number as written).
    Map<String, String> numeric = new LinkedHashMap<>(GENUINE);
    numeric.put("pspReference", "12");
    String pspNumber = item(numeric).replace("\"pspReference\":\"12\"", "\"pspReference\":12");
    Map<String, String> fraction = new LinkedHashMap<>(GENUINE);
    fraction.put("amount.value", "0.0");
    String valueFraction = item(fraction);
    Map<String, String> text = new LinkedHashMap<>(GENUINE);
    String valueText = item(text).replace("\"value\":0,", "\"value\":\"0\",");
    Map<String, String> word = new LinkedHashMap<>(GENUINE);
    word.put("success", "yes");
    String successWord = item(word);
    for (String item : List.of(pspNumber, valueFraction, valueText, successWord)) {
      Reason reason = verify(notification(item));
      if (reason != Reason.MALFORMED_SIGNATURE) {
        accepted.add(item + " -> " + reason);
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void verify_colonMovedFromTheMerchantReferenceIntoAnotherField_rejectedMalformed() {
    // The signed text joins fields with ':' unescaped, so "Acct" + "a:b" and "Acct:a" + "b" sign
    // alike: a handler would read another merchant account from a genuine signature.
    Map<String, String> genuine = fields("psp_1", "Acct", "a:b", "1000", "EUR", "CAPTURE", "true");
    Map<String, String> moved = fields("psp_1", "Acct:a", "b", "1000", "EUR", "CAPTURE", "true");
    assertThat(Adyen.dataToSign(moved)).isEqualTo(Adyen.dataToSign(genuine));
    String signature = Adyen.sign(KEY, genuine);
    assertThat(verify(notification(item(genuine, signature)))).isNull();
    assertThat(verify(notification(item(moved, signature)))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_unpairedSurrogate_rejectedMalformed() {
    // UTF-8 encodes an unpaired surrogate as '?': "order?1" and "order\ud8001" would sign alike.
    Map<String, String> genuine = fields("psp_1", "Acct", "order?1", "0", "EUR", "CAPTURE", "true");
    String body = item(genuine).replace("order?1", "order\\ud8001");
    assertThat(verify(notification(body))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_successAbsent_rejectedMalformed() {
    // Adyen's Java SDK signs an absent success as "false", its Node SDK as "": no one reading.
    Map<String, String> signed = fields("psp_1", "Acct", "r", "0", "EUR", "CAPTURE", "");
    String body = item(signed).replace(",\"success\":\"\"", "");
    assertThat(verify(notification(body))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_sameItemTwice_rejectedMalformed() {
    assertThat(verify(notification(item(GENUINE), item(GENUINE))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void items_ofAVerifiedDelivery_areTheSignedItemsTyped() throws Exception {
    Map<String, String> second = fields("psp_2", "Acct", "a:b", "-5", "USD", "REFUND", "false");
    VerifiedWebhook webhook =
        VERIFIER.verify(request(Map.of(), utf8(notification(item(GENUINE), item(second)))));
    List<Adyen.NotificationItem> items = Adyen.items(webhook);
    assertThat(items).hasSize(2);
    Adyen.NotificationItem refund = items.get(1);
    assertThat(refund.pspReference()).isEqualTo("psp_2");
    assertThat(refund.originalReference()).isEmpty();
    assertThat(refund.merchantAccountCode()).isEqualTo("Acct");
    assertThat(refund.merchantReference()).isEqualTo("a:b");
    assertThat(refund.amountValue()).hasValue(-5);
    assertThat(refund.amountCurrency()).isEqualTo("USD");
    assertThat(refund.eventCode()).isEqualTo("REFUND");
    assertThat(refund.success()).isFalse();
    assertThat(refund.id()).hasSize(64).isNotEqualTo(items.get(0).id());
    assertThat(items.get(0).amountValue()).hasValue(0);
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThatThrownBy(
            () ->
                Adyen.items(
                    Mailgun.builder(
                            KeyRing.of(
                                WebhookSecret.ofUtf8("key-3ax6xnjp29jd6fds4gc373sgvjxteol0")))
                        .build()
                        .verify(
                            request(
                                Map.of(),
                                utf8(
                                    "{\"signature\":{\"timestamp\":\"1403645220\",\"token\":"
                                        + "\"5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6\","
                                        + "\"signature\":\"9cfc5c41582e51246e73c88d34db3af0a3a2692a7"
                                        + "6fbab81492842f000256d33\"}}")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claim_replayWithUnsignedBytesChanged_duplicateDelivery() throws Exception {
    Map<String, String> second = fields("psp_2", "Acct", "r2", "500", "EUR", "CAPTURE", "true");
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(VERIFIER, new InMemoryIdempotencyStore(1000)).build();
    String first = item(GENUINE);
    String other = item(second);
    try (ClaimedDelivery delivery =
        idempotent.claim(request(Map.of(), utf8(notification(first, other))))) {
      delivery.complete();
    }
    List<String> processedAgain = new ArrayList<>();
    for (String replay :
        List.of(
            "{\"live\":\"true\",\"notificationItems\":[" + first + "," + other + "]}",
            "{\"notificationItems\":[" + first + "," + other + "]}",
            "{\"live\":\"false\",\"notificationItems\":[" + other + "," + first + "]}",
            "{\"live\":\"false\",\"notificationItems\":[ "
                + first.replace("\"eventCode\"", "\"reason\":\"replayed\",\"eventCode\"")
                + " , "
                + other
                + " ]}",
            "\n" + notification(first, other) + "\n")) {
      try (ClaimedDelivery delivery = idempotent.claim(request(Map.of(), utf8(replay)))) {
        processedAgain.add(replay);
        delivery.complete();
      } catch (WebhookVerificationException e) {
        if (e.reason() != Reason.DUPLICATE_DELIVERY) {
          processedAgain.add(replay + " -> " + e.reason());
        }
      }
    }
    assertThat(processedAgain).isEmpty();
  }
}
