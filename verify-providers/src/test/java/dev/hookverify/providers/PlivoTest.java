package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plivo's vectors, its URL and parameter canonicalisation, and the attacks on them. */
class PlivoTest {
  private static final WebhookSecret TOKEN = WebhookSecret.ofUtf8("my_auth_token");
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String ANSWER = "https://example.com/answer";

  private static WebhookRequest request(
      String method, String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method(method).uri(uri).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  private static WebhookRequest post(String uri, Map<String, String> headers, String form) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", FORM);
    return request("POST", uri, all, utf8(form));
  }

  private static Map<String, String> v3(String signature, String nonce) {
    return Map.of(Plivo.SIGNATURE_HEADER, signature, Plivo.NONCE_HEADER, nonce);
  }

  private static Map<String, String> signPost(String url, String form, String nonce) {
    return Plivo.sign(TOKEN, "POST", url, FORM, utf8(form), nonce);
  }

  /**
   * OFFICIAL (V2): plivo-java UtilsTest (bc43922) and plivo-python test_signature.py (a0cd323). V2
   * is legacy and must be enabled; its proof covers neither the body nor the query.
   */
  @Test
  void v2_officialSdkVectors_areAcceptedOnlyWhenEnabledAndCoverNothing() throws Exception {
    WebhookVerifier legacy = Plivo.builderAcceptingLegacyV2(KeyRing.of(TOKEN)).build();
    WebhookVerifier wrongToken =
        Plivo.builderAcceptingLegacyV2(KeyRing.of(WebhookSecret.ofUtf8("my_auth_tokens"))).build();
    Map<String, String> vectors =
        Map.of(
            "https://answer.url", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=",
            "https://answer.url/", "do1CXv+k99A6+B+eTcyqbxWlezFIxJ/1vz72787r37g=",
            "https://answer.url:8000", "Gm7Z7AGBmf5JpSHrtUmeofrGyA4xV0ZiV0rH8JPXWGU=");
    for (Map.Entry<String, String> vector : vectors.entrySet()) {
      Map<String, String> headers =
          Map.of(Plivo.V2_SIGNATURE_HEADER, vector.getValue(), Plivo.V2_NONCE_HEADER, "12345");
      VerifiedWebhook webhook =
          legacy.verify(request("POST", vector.getKey() + "?CallUUID=x", headers, new byte[0]));
      assertThat(webhook.isQueryAuthentic()).as(vector.getKey()).isFalse();
      assertThat(Plivo.signV2(TOKEN, vector.getKey(), "12345")).containsAllEntriesOf(headers);
      // The same test's negative: another token fails.
      assertThat(reasonOf(wrongToken, request("POST", vector.getKey(), headers, new byte[0])))
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
      // Off by default: a V2 signature alone is no signature.
      assertThat(
              reasonOf(
                  Plivo.verifier(TOKEN), request("POST", vector.getKey(), headers, new byte[0])))
          .isEqualTo(Reason.MISSING_SIGNATURE);
    }
  }

  /**
   * DERIVED, not official: providers-next.md section 49. The catalog's POST vector signs {@code
   * ...?CallUUID=abc123From=...}, with {@code =} between form names and values; plivo-python's
   * {@code get_sorted_params_string} and plivo-java's {@code GetSortedQueryParamString(params,
   * false)} both join them without it, so the POST fixture here is recomputed on {@code
   * https://example.com/answer?CallUUIDabc123From14155551234To14155556789.12345} (Python {@code
   * hmac}); plivo-java agrees (CommsSdkOracleTest). The GET fixture is the catalog's.
   */
  @Test
  void v3_derivedVectors_postFormAndGetQuery_areAccepted() {
    WebhookVerifier verifier = Providers.byName("plivo").verifier(List.of("my_auth_token")).build();
    assertThat(
            reasonOf(
                verifier,
                post(
                    ANSWER,
                    v3("wyv8vsu7fMH+Pn0dNyRnMNijvquCm2pCL8ghCom5uoQ=", "12345"),
                    "To=14155556789&From=14155551234&CallUUID=abc123")))
        .isNull();
    assertThat(
            reasonOf(
                verifier,
                request(
                    "GET",
                    ANSWER + "?From=14155551234&CallUUID=abc123",
                    v3("H54jLEf5ufRVsjb/Sh0BUNsAEK16oJfIzzXh+x6dO3M=", "12345"),
                    new byte[0])))
        .isNull();
  }

  @Test
  void v3_commaSeparatedSignatures_oneGenuineSuffices_tooManyAreMalformed() {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    String form = "CallUUID=abc123&From=14155551234";
    String genuine = signPost(ANSWER, form, "12345").get(Plivo.SIGNATURE_HEADER);
    String other = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    assertThat(reasonOf(verifier, post(ANSWER, v3(other + "," + genuine, "12345"), form))).isNull();
    assertThat(reasonOf(verifier, post(ANSWER, v3(genuine + ", " + other, "12345"), form)))
        .isNull();
    assertThat(
            reasonOf(verifier, post(ANSWER, v3((other + ",").repeat(16) + genuine, "12345"), form)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, post(ANSWER, v3(other, "12345"), form)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, post(ANSWER, v3(",,", "12345"), form)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void v3_wrongV3IsNotRescuedByAGenuineV2() {
    WebhookVerifier legacy = Plivo.builderAcceptingLegacyV2(KeyRing.of(TOKEN)).build();
    Map<String, String> headers = new LinkedHashMap<>(Plivo.signV2(TOKEN, ANSWER, "12345"));
    headers.putAll(v3("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "12345"));
    assertThat(reasonOf(legacy, post(ANSWER, headers, "CallUUID=abc")))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  /**
   * The nonce is not a timestamp: it must be there, letters or digits only, and it is signed; a
   * replay with the same nonce is caught only by an IdempotentVerifier, never by time.
   */
  @Test
  void v3_nonce_isSignedStrictAndCannotAbsorbParameters() {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    String form = "Duration=3.14&From=1";
    Map<String, String> genuine = signPost(ANSWER, form, "12345");
    assertThat(reasonOf(verifier, post(ANSWER, genuine, form))).isNull();
    String signature = genuine.get(Plivo.SIGNATURE_HEADER);
    assertThat(reasonOf(verifier, post(ANSWER, v3(signature, "12346"), form)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, post(ANSWER, Map.of(Plivo.SIGNATURE_HEADER, signature), form)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    for (String bad : List.of("", "12.345", "1-2", "x".repeat(65), "12345 6")) {
      assertThat(reasonOf(verifier, post(ANSWER, v3(signature, bad), form)))
          .as(bad)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // "...Duration3.14From1.12345": moving "14From1" into the nonce needs a dot in it: refused.
    assertThat(reasonOf(verifier, post(ANSWER, v3(signature, "14From1.12345"), "Duration=3")))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void v3_replays_sameDeliveryAndEveryResplitOfIt_areDuplicates() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(Plivo.verifier(TOKEN), new InMemoryIdempotencyStore(100))
            .build();
    String url = ANSWER + "?a=1";
    String form = "b=2&c=3";
    Map<String, String> headers = signPost(url, form, "12345");
    try (ClaimedDelivery delivery = idempotent.claim(post(url, headers, form))) {
      delivery.complete();
    }
    List<WebhookRequest> replays =
        List.of(
            post(url, headers, form), // the same
            post(url, headers, "c=3&b=2"), // reordered
            post(url, headers, "b=%32&c=3"), // re-encoded
            post("https://example.com:443/answer?a=1", headers, form), // the port added
            // Re-split: the form moved into the query's last value ("a=1.b2c3" signs alike).
            request("POST", ANSWER + "?a=1.b2c3", headers, new byte[0]),
            request("GET", ANSWER + "?a=1.b2c3", headers, new byte[0]),
            // Names and values joined without separators: "b=2" and "b2=" sign alike.
            post(url, headers, "b2=&c=3"));
    for (WebhookRequest replay : replays) {
      try (ClaimedDelivery delivery = idempotent.claim(replay)) {
        throw new AssertionError(
            "a replay was claimed as new: " + delivery.webhook().deliveryKey());
      } catch (WebhookVerificationException e) {
        assertThat(e.reason()).as(replay.uri()).isEqualTo(Reason.DUPLICATE_DELIVERY);
      }
    }
  }

  @Test
  void v3_queryAndUrl_areSignedAndAuthentic() throws Exception {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    String url = ANSWER + "?tenant=a";
    String form = "CallUUID=abc";
    Map<String, String> headers = signPost(url, form, "12345");
    VerifiedWebhook webhook = verifier.verify(post(url, headers, form));
    assertThat(webhook.isQueryAuthentic()).isTrue();
    for (String changed :
        List.of(
            ANSWER + "?tenant=evil",
            ANSWER + "?tenant=a&tenant=b",
            ANSWER + "?tenant=a&x=",
            ANSWER,
            "http://example.com/answer?tenant=a",
            "https://example.com/answer/?tenant=a")) {
      assertThat(reasonOf(verifier, post(changed, headers, form)))
          .as(changed)
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    // Query parameters are signed sorted and decoded: an equivalent query verifies.
    Map<String, String> two = signPost(ANSWER + "?b=2&a=1", form, "7");
    assertThat(reasonOf(verifier, post(ANSWER + "?a=%31&b=2", two, form))).isNull();
  }

  @Test
  void v3_ports_asReceivedThenWithout() {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    String form = "CallUUID=abc";
    // plivo-python keeps the port.
    Map<String, String> withPort = signPost("https://example.com:8443/answer", form, "1");
    assertThat(reasonOf(verifier, post("https://example.com:8443/answer", withPort, form)))
        .isNull();
    // plivo-java drops it.
    Map<String, String> withoutPort = signPost(ANSWER, form, "1");
    assertThat(reasonOf(verifier, post("https://example.com:8443/answer", withoutPort, form)))
        .isNull();
    assertThat(reasonOf(verifier, post(ANSWER, withPort, form)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void v3_publicUrlBehindAProxy_signsThePublicUrlAndTheReceivedQuery() throws Exception {
    WebhookVerifier verifier =
        Plivo.builder(KeyRing.of(TOKEN), ProviderOptions.builder().publicUrl(ANSWER).build())
            .build();
    String form = "CallUUID=abc";
    Map<String, String> headers = signPost(ANSWER + "?tenant=a", form, "9");
    VerifiedWebhook webhook =
        verifier.verify(post("http://10.0.0.5:8080/internal?tenant=a", headers, form));
    assertThat(webhook.isQueryAuthentic()).isTrue();
    assertThat(reasonOf(verifier, post("http://10.0.0.5:8080/internal?tenant=b", headers, form)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                Plivo.verifier(TOKEN),
                post("http://10.0.0.5:8080/internal?tenant=a", headers, form)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void v3_whatPlivoDoesNotSign_isMalformed() {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    Map<String, String> headers = signPost(ANSWER, "a=1", "1");
    Map<String, String> json = new LinkedHashMap<>(headers);
    json.put("Content-Type", "application/json");
    assertThat(reasonOf(verifier, request("POST", ANSWER, json, utf8("{\"a\":1}"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request("GET", ANSWER, headers, utf8("a=1"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request("PUT", ANSWER, headers, new byte[0])))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    for (String form : List.of("a=%zz", "a=%f", "a=%ff", "a=%c0%af", "a=%ed%a0%80")) {
      assertThat(reasonOf(verifier, post(ANSWER, headers, form)))
          .as(form)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    for (String url :
        List.of(ANSWER + ";jsessionid=1", ANSWER + "#x", "/answer", ANSWER + "?a=%zz")) {
      assertThat(reasonOf(verifier, post(url, headers, "a=1")))
          .as(url)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void v3_moreThanAThousandParameters_areRefusedBeforeDecoding() {
    StringBuilder form = new StringBuilder("p0=1");
    for (int i = 1; i <= Plivo.MAX_PARAMETERS; i++) {
      form.append("&p").append(i).append("=1");
    }
    Map<String, String> headers = v3("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "1");
    assertThat(reasonOf(Plivo.verifier(TOKEN), post(ANSWER, headers, form.toString())))
        .isEqualTo(Reason.BODY_TOO_LARGE);
  }

  @Test
  void v3_repeatedNamesSortByValue_andUnicodeSortsByCodePoint() {
    WebhookVerifier verifier = Plivo.verifier(TOKEN);
    Map<String, String> headers = signPost(ANSWER, "A=2&A=1&%EF%BD%81=x&%F0%9F%98%80=y", "1");
    assertThat(reasonOf(verifier, post(ANSWER, headers, "%F0%9F%98%80=y&A=1&%EF%BD%81=x&A=2")))
        .isNull();
  }
}
