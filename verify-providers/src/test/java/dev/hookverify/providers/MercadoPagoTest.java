package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
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
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mercado Pago: no official vector exists; the catalog's DERIVED ones are regression fixtures. The
 * manifest's attacks: an id that smuggles a request id, an ambiguous query, a body that names
 * another resource than the signed one.
 */
class MercadoPagoTest {
  private static final WebhookSecret SECRET = WebhookSecret.ofUtf8("mp_secret");
  private static final String URL = "https://shop.example/mp/hooks?data.id=123456&type=payment";
  private static final String REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e";
  private static final String TS = "1742505638683";
  // DERIVED, not official: computed from the documented manifest with made-up inputs.
  private static final String V1 =
      "feacb3b594880035653849a0541efc1d33eb558f7405975f9fbff8574c019b48";
  private static final String V1_WITHOUT_REQUEST_ID =
      "764de136a74188c202d18fb5d75e72b045dd4b0b9cf03e34b975ed276221db41";
  private static final byte[] BODY =
      utf8("{\"action\":\"payment.updated\",\"type\":\"payment\",\"data\":{\"id\":\"123456\"}}");

  private static Map<String, String> headers(String v1, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(MercadoPago.SIGNATURE_HEADER, "ts=" + TS + ",v1=" + v1);
    if (requestId != null) {
      headers.put(MercadoPago.REQUEST_ID_HEADER, requestId);
    }
    return headers;
  }

  @Test
  void verify_derivedVectors_andTheSignedView() throws Exception {
    WebhookVerifier verifier = MercadoPago.verifier(SECRET);
    VerifiedWebhook webhook = verifier.verify(request(URL, headers(V1, REQUEST_ID), BODY));
    assertThat(webhook.deliveryId())
        .contains("id:123456;request-id:" + REQUEST_ID + ";ts:" + TS + ";");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    // Only ids are signed: neither the body nor the rest of the query.
    assertThat(webhook.isQueryAuthentic()).isFalse();
    MercadoPago.Notification notification = MercadoPago.notification(webhook);
    assertThat(notification.dataId()).contains("123456");
    assertThat(notification.requestId()).contains(REQUEST_ID);
    assertThat(notification.timestamp()).isEqualTo(Instant.ofEpochMilli(1742505638683L));

    VerifiedWebhook noRequestId =
        verifier.verify(request(URL, headers(V1_WITHOUT_REQUEST_ID, null), BODY));
    assertThat(MercadoPago.notification(noRequestId).requestId()).isEmpty();
    assertThat(MercadoPago.sign(SECRET, URL, REQUEST_ID, TS))
        .containsEntry(MercadoPago.SIGNATURE_HEADER, "ts=" + TS + ",v1=" + V1);
  }

  /** The contract test's tampers, on what Mercado Pago signs: the ids and the timestamp. */
  @Test
  void verify_everyTamperOfTheSignedValues() {
    WebhookVerifier verifier = MercadoPago.verifier(SECRET);
    Map<String, String> genuine = headers(V1, REQUEST_ID);
    Map<String, Reason> expected = new LinkedHashMap<>();
    Map<String, WebhookRequest> requests = new LinkedHashMap<>();
    requests.put("genuine", request(URL, genuine, BODY));
    expected.put("genuine", null);
    requests.put("data.id", request(URL.replace("123456", "123457"), genuine, BODY));
    expected.put("data.id", Reason.SIGNATURE_MISMATCH);
    requests.put("no data.id", request(URL.replace("data.id=123456&", ""), genuine, BODY));
    expected.put("no data.id", Reason.SIGNATURE_MISMATCH);
    Map<String, String> otherRequest = new LinkedHashMap<>(genuine);
    otherRequest.put(MercadoPago.REQUEST_ID_HEADER, REQUEST_ID.replace('b', 'c'));
    requests.put("request id", request(URL, otherRequest, BODY));
    expected.put("request id", Reason.SIGNATURE_MISMATCH);
    Map<String, String> noRequest = new LinkedHashMap<>(genuine);
    noRequest.remove(MercadoPago.REQUEST_ID_HEADER);
    requests.put("no request id", request(URL, noRequest, BODY));
    expected.put("no request id", Reason.SIGNATURE_MISMATCH);
    Map<String, String> otherTs = new LinkedHashMap<>(genuine);
    otherTs.put(MercadoPago.SIGNATURE_HEADER, "ts=1742505638684,v1=" + V1);
    requests.put("ts", request(URL, otherTs, BODY));
    expected.put("ts", Reason.SIGNATURE_MISMATCH);
    requests.put("missing", request(URL, Map.of(MercadoPago.REQUEST_ID_HEADER, REQUEST_ID), BODY));
    expected.put("missing", Reason.MISSING_SIGNATURE);
    Map<String, String> garbled = new LinkedHashMap<>(genuine);
    garbled.put(MercadoPago.SIGNATURE_HEADER, "garbage!!");
    requests.put("garbled", request(URL, garbled, BODY));
    expected.put("garbled", Reason.MALFORMED_SIGNATURE);
    Map<String, Reason> actual = new LinkedHashMap<>();
    requests.forEach((what, request) -> actual.put(what, reasonOf(verifier, request)));
    assertThat(actual).isEqualTo(expected);
    assertThat(
            reasonOf(
                MercadoPago.verifier(WebhookSecret.ofUtf8("mp_secret2")),
                request(URL, genuine, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_alphanumericIdIsSignedLowerCased() throws Exception {
    String url = "https://shop.example/mp?data.id=ORD01JQ4S4KY8HWQ6NA5PXB65B3D3&type=order";
    Map<String, String> signed =
        MercadoPago.sign(
            SECRET,
            url.replace("ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", "ord01jq4s4ky8hwq6na5pxb65b3d3"),
            "r-1",
            "1742505638");
    VerifiedWebhook webhook =
        MercadoPago.verifier(SECRET).verify(request(url, signed, new byte[0]));
    assertThat(MercadoPago.notification(webhook).dataId())
        .contains("ord01jq4s4ky8hwq6na5pxb65b3d3");
    assertThat(MercadoPago.notification(webhook).timestamp())
        .isEqualTo(Instant.ofEpochSecond(1742505638L));
  }

  @Test
  void verify_anIdThatSpellsARequestId_isRefused() {
    // Genuine: data.id 123456 with request id r. Forged: no request id, data.id
    // "123456;request-id:r"
    // spells the same manifest.
    String forgedUrl = "https://shop.example/mp/hooks?data.id=123456%3Brequest-id%3A" + REQUEST_ID;
    assertThat(reasonOf(MercadoPago.verifier(SECRET), request(forgedUrl, headers(V1, null), BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    String rawSemicolon = "https://shop.example/mp/hooks?data.id=123456;request-id:" + REQUEST_ID;
    assertThat(
            reasonOf(MercadoPago.verifier(SECRET), request(rawSemicolon, headers(V1, null), BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_ambiguousQuery_isRefusedNeverReadAsNoId() {
    WebhookVerifier verifier = MercadoPago.verifier(SECRET);
    for (String url :
        new String[] {
          URL + "&data.id=999",
          URL + "&data%2Eid=999",
          "https://shop.example/mp/hooks?data.id=&type=payment",
          "https://shop.example/mp/hooks?data.id=1%202",
          URL + "&x=%zz",
          URL + "&x=%ff"
        }) {
      assertThat(reasonOf(verifier, request(url, headers(V1, REQUEST_ID), BODY)))
          .as(url)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // An encoded name is the name a container decodes: read as data.id, as containers read it.
    assertThat(
            reasonOf(
                verifier,
                request(
                    "https://shop.example/mp/hooks?data%2Eid=123456&type=payment",
                    headers(V1, REQUEST_ID), BODY)))
        .isNull();
  }

  @Test
  void verify_jsonBodySentAsAFormOrMultipart_isRefused() {
    // Attack: a JSON object without data.id passes the body check, but sent as a form its string
    // "&data.id=999&" is a parameter to a container, beside the signed query's: getParameterValues
    // reads both, and Spring's @RequestParam String joins them ("123456,999"). A multipart body
    // can name a data.id part the same way.
    WebhookVerifier verifier = MercadoPago.verifier(SECRET);
    byte[] body = utf8("{\"x\":\"&data.id=999&\"}");
    for (String type :
        List.of(
            "application/x-www-form-urlencoded",
            "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
            "multipart/form-data; boundary=B")) {
      Map<String, String> headers = headers(V1, REQUEST_ID);
      headers.put("Content-Type", type);
      assertThat(reasonOf(verifier, request(URL, headers, body)))
          .as(type)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    Map<String, String> json = headers(V1, REQUEST_ID);
    json.put("Content-Type", "application/json");
    assertThat(reasonOf(verifier, request(URL, json, body))).isNull();
    assertThat(reasonOf(verifier, request(URL, json, BODY))).isNull();
  }

  @Test
  void verify_bodyNamingAnotherResource_isRefused() {
    WebhookVerifier verifier = MercadoPago.verifier(SECRET);
    Map<String, String> headers = headers(V1, REQUEST_ID);
    assertThat(reasonOf(verifier, request(URL, headers, utf8("{\"data\":{\"id\":\"999\"}}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(URL, headers, utf8("{\"data\":{\"id\":123456}}"))))
        .isNull();
    assertThat(
            reasonOf(
                verifier,
                request(
                    URL, headers, utf8("{\"data\":{\"id\":\"123456\"},\"data\":{\"id\":\"9\"}}"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(URL, headers, utf8("{\"data.id\":\"999\"}"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // The Kelvin sign is not a "k" here, though String.equalsIgnoreCase says it is.
    String kUrl = "https://shop.example/mp?data.id=k1";
    Map<String, String> k = MercadoPago.sign(SECRET, kUrl, "r-1", TS);
    assertThat(reasonOf(verifier, request(kUrl, k, utf8("{\"data\":{\"id\":\"\u212a1\"}}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(kUrl, k, utf8("{\"data\":{\"id\":\"K1\"}}")))).isNull();
    // No body, no id to disagree: accepted. Any other body must be one JSON object.
    assertThat(reasonOf(verifier, request(URL, headers, utf8("")))).isNull();
    assertThat(reasonOf(verifier, request(URL, headers, utf8("{}")))).isNull();
    assertThat(reasonOf(verifier, request(URL, headers, utf8("[1]"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void claim_replayWithAnotherUnsignedBodyOrQuery_isDuplicate() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(MercadoPago.verifier(SECRET), new InMemoryIdempotencyStore(100))
            .build();
    try (ClaimedDelivery delivery = idempotent.claim(request(URL, headers(V1, REQUEST_ID), BODY))) {
      delivery.complete();
    }
    for (String[] replay :
        new String[][] {
          {URL.replace("type=payment", "type=refund"), "{\"action\":\"payment.created\"}"},
          {URL + "&extra=1", ""},
          {URL.replace("https://", "http://"), "{\"data\":{\"id\":\"123456\"},\"x\":1}"}
        }) {
      assertThatThrownBy(
              () -> idempotent.claim(request(replay[0], headers(V1, REQUEST_ID), utf8(replay[1]))))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY));
    }
  }

  @Test
  void verify_toleranceIsOptionalAndReadsEitherUnit() {
    WebhookVerifier any = MercadoPago.verifier(SECRET);
    assertThat(reasonOf(any, request(URL, headers(V1, REQUEST_ID), BODY))).isNull();
    ProviderOptions fiveMinutes =
        ProviderOptions.builder().tolerance(Duration.ofMinutes(5)).build();
    long ms = 1742505638683L;
    WebhookVerifier fresh =
        MercadoPago.builder(KeyRing.of(SECRET), fiveMinutes).clock(at(ms / 1000 + 60)).build();
    assertThat(reasonOf(fresh, request(URL, headers(V1, REQUEST_ID), BODY))).isNull();
    WebhookVerifier late =
        MercadoPago.builder(KeyRing.of(SECRET), fiveMinutes).clock(at(ms / 1000 + 301)).build();
    assertThat(reasonOf(late, request(URL, headers(V1, REQUEST_ID), BODY)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    Map<String, String> seconds = MercadoPago.sign(SECRET, URL, REQUEST_ID, "1742505638");
    assertThat(reasonOf(fresh, request(URL, seconds, BODY))).isNull();
    assertThat(reasonOf(late, request(URL, seconds, BODY))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void notification_ofAnotherProvidersDelivery_isRefused() throws Exception {
    VerifiedWebhook github =
        GitHub.builder(KeyRing.of(SECRET))
            .build()
            .verify(request(GitHub.sign(SECRET, "d-1", BODY), BODY));
    assertThatThrownBy(() -> MercadoPago.notification(github))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
