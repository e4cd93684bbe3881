package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Braintree: braintree_java's vectors through the public API, the catalog's DERIVED form as a
 * regression fixture, and the form's attacks (several public keys, repeated and re-encoded fields).
 * The SDK (com.braintreepayments.gateway:braintree-java) did not resolve from the registry, so it
 * is no oracle here.
 */
class BraintreeTest {
  private static final Braintree.Key INTEGRATION =
      Braintree.key("integration_public_key", "integration_private_key");
  // DERIVED, not official: the catalog's bt_payload and bt_signature for the integration keys.
  private static final String PAYLOAD =
      "PG5vdGlmaWNhdGlvbj48a2luZD5jaGVjazwva2luZD48c3ViamVjdD48Y2hlY2sgdHlwZT0iYm9vbGVhbiI+dHJ1ZT"
          + "wvY2hlY2s+PC9zdWJqZWN0Pjwvbm90aWZpY2F0aW9uPg==";
  private static final String PAIR =
      "integration_public_key|6dbadfaf6819e54dd18c4db39b5627eee6f52ace";
  private static final Map<String, String> FORM_TYPE =
      Map.of("Content-Type", "application/x-www-form-urlencoded");

  private static byte[] form(String signature, String payload) {
    return utf8(
        "bt_signature="
            + URLEncoder.encode(signature, StandardCharsets.UTF_8)
            + "&bt_payload="
            + URLEncoder.encode(payload, StandardCharsets.UTF_8));
  }

  private static WebhookVerifier verifier() {
    return Braintree.builder(List.of(INTEGRATION)).build();
  }

  @Test
  void challenge_officialSdkVector() throws Exception {
    // OFFICIAL: braintree/braintree_java WebhookNotificationIT.verifyCreatesAVerificationString,
    // keys from IntegrationTest.java, commit 264e555.
    assertThat(Braintree.challengeResponse(INTEGRATION, "20f9f8ed05f77439fe955c977e4c8a53"))
        .isEqualTo("integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4");
    WebhookRequest check =
        WebhookRequest.builder()
            .method("GET")
            .uri("https://shop.example/bt?bt_challenge=20f9f8ed05f77439fe955c977e4c8a53")
            .build();
    assertThat(Braintree.challengeResponse(INTEGRATION, check))
        .isEqualTo("integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4");
  }

  @Test
  void challenge_malformedOrMissing_isRefused() {
    for (String challenge :
        new String[] {"", "20F9F8ED05F77439FE955C977E4C8A53", "20f9f8ed05", "x".repeat(20), null}) {
      assertThatThrownBy(() -> Braintree.challengeResponse(INTEGRATION, challenge))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE));
    }
    WebhookRequest repeated =
        WebhookRequest.builder()
            .uri(
                "https://shop.example/bt?bt_challenge=20f9f8ed05f77439fe95&bt_challenge=20f9f8ed05f77439fe96")
            .build();
    assertThatThrownBy(() -> Braintree.challengeResponse(INTEGRATION, repeated))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE));
  }

  @Test
  void verify_challengeAnswerReplayedAsAPayload_isRefused() throws Exception {
    // Attack: the endpoint answers any bt_challenge (unsigned, by design) with the HMAC Braintree
    // signs payloads with. 20 to 32 hex digits in a multiple of 4 are also base64, so the answer
    // to a chosen challenge used to be a valid bt_signature for bt_payload=<challenge>: a forged
    // delivery accepted, its "notification" the attacker's bytes.
    for (String challenge :
        List.of(
            "20f9f8ed05f77439fe955c977e4c8a53",
            "0123456789abcdef0123",
            "0123456789abcdef01234567",
            "0123456789abcdef0123456789ab")) {
      String answer = Braintree.challengeResponse(INTEGRATION, challenge);
      assertThat(reasonOf(verifier(), request(FORM_TYPE, form(answer, challenge))))
          .as(challenge)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_fieldInTheQueryBesideTheSignedForm_isRefused() {
    // Attack: a servlet container's getParameter (and Spring's @RequestParam) merges the query
    // into the form, the query's values first. The signature covers only the form's bt_payload,
    // so a captured genuine form posted to ?bt_payload=<forged> verified while a handler reading
    // the parameter got the forged notification.
    String forged = Base64.getEncoder().encodeToString(utf8("<notification>forged</notification>"));
    byte[] genuine = form(PAIR, PAYLOAD);
    assertThat(
            reasonOf(verifier(), request("https://shop.example/bt?tenant=a", FORM_TYPE, genuine)))
        .isNull();
    for (String query :
        List.of(
            "bt_payload=" + URLEncoder.encode(forged, StandardCharsets.UTF_8),
            "tenant=a&bt_signature=" + URLEncoder.encode(PAIR, StandardCharsets.UTF_8),
            "bt%5Fpayload=x",
            "bt_payload",
            "%zz&bt_payload=x")) {
      assertThat(
              reasonOf(verifier(), request("https://shop.example/bt?" + query, FORM_TYPE, genuine)))
          .as(query)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_genuineFieldsInsideAMultipartBody_isRefused() {
    // Attack: a multipart/form-data body whose first part's content is "&bt_signature=..&
    // bt_payload=..&" (the genuine fields) and whose second part is named bt_payload. Read as a
    // urlencoded form it carries the genuine fields once; a container (Spring Boot's multipart
    // resolver, Tomcat with multipart config) reads the parts: bt_payload is the forgery.
    String forged = Base64.getEncoder().encodeToString(utf8("<notification>forged</notification>"));
    String crlf = "\r\n";
    String multipart =
        "--B"
            + crlf
            + "Content-Disposition: form-data; name=\"junk\""
            + crlf
            + crlf
            + "&"
            + new String(form(PAIR, PAYLOAD), StandardCharsets.UTF_8)
            + "&"
            + crlf
            + "--B"
            + crlf
            + "Content-Disposition: form-data; name=\"bt_payload\""
            + crlf
            + crlf
            + forged
            + crlf
            + "--B--"
            + crlf;
    for (String type :
        List.of(
            "multipart/form-data; boundary=B", " Multipart/Form-Data;boundary=B", "text/plain")) {
      assertThat(reasonOf(verifier(), request(Map.of("Content-Type", type), utf8(multipart))))
          .as(type)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // The same bytes with the form's media type, or none, are read by containers as we read them.
    assertThat(reasonOf(verifier(), request(FORM_TYPE, utf8(multipart)))).isNull();
    assertThat(reasonOf(verifier(), request(Map.of(), utf8(multipart)))).isNull();
  }

  @Test
  void hmacHash_officialSdkVector_throughCoresPublicApi() throws Exception {
    // OFFICIAL: braintree_java
    // src/test/java/com/braintreegateway/unittest/util/Sha1HasherTest.java:
    // hmacHash("secretKey", "hello world"), the HMAC-SHA1 keyed with SHA-1("secretKey").
    String expected = "d503d7a1a6adba1e6474e9ff2c4167f9dfdf4247";
    assertThat(Signed.hex(Braintree.hmac(Braintree.key("pk", "secretKey"), "hello world")))
        .isEqualTo(expected);
    byte[] key = MessageDigest.getInstance("SHA-1").digest(utf8("secretKey"));
    WebhookVerifier verifier =
        WebhookVerifier.builder("braintree-hasher")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA1)
                    .signatureHeader(
                        SignatureHeader.builder("Sig").encoding(SignatureEncoding.HEX).build())
                    .secret(WebhookSecret.ofBytes(key))
                    .build())
            .build();
    verifier.verify(request(Map.of("Sig", expected), utf8("hello world")));
  }

  @Test
  void verify_derivedForm_andTheVerifiedXml() throws Exception {
    VerifiedWebhook webhook = verifier().verify(request(FORM_TYPE, form(PAIR, PAYLOAD)));
    assertThat(webhook.proof()).isEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(webhook.keyId()).isEqualTo("integration_public_key");
    assertThat(new String(Braintree.notificationXml(webhook), StandardCharsets.UTF_8))
        .isEqualTo(
            "<notification><kind>check</kind><subject><check type=\"boolean\">true</check>"
                + "</subject></notification>");
    assertThat(webhook.deliveryId()).isEmpty();
    // The form is not what is signed: a form's query is not vouched for either.
    assertThat(webhook.isQueryAuthentic()).isFalse();
  }

  @Test
  void verify_severalPublicKeys_onlyTheConfiguredPairIsTried() {
    WebhookVerifier verifier = verifier();
    String other = "other_public_key|" + "0".repeat(40);
    assertThat(reasonOf(verifier, request(FORM_TYPE, form(other + "&" + PAIR, PAYLOAD)))).isNull();
    assertThat(reasonOf(verifier, request(FORM_TYPE, form("junk&" + PAIR + "&x|y", PAYLOAD))))
        .isNull();
    assertThat(reasonOf(verifier, request(FORM_TYPE, form(other, PAYLOAD))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A configured key named twice, even with its right signature first: one strict reading.
    assertThat(
            reasonOf(
                verifier,
                request(
                    FORM_TYPE, form(PAIR + "&integration_public_key|" + "0".repeat(40), PAYLOAD))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // A prefix of the configured public key is another key.
    assertThat(
            reasonOf(
                verifier,
                request(
                    FORM_TYPE,
                    form(PAIR.replace("integration_public_key", "integration_public"), PAYLOAD))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    StringBuilder many = new StringBuilder(PAIR);
    for (int i = 0; i < Braintree.MAX_PAIRS; i++) {
      many.append("&k").append(i).append("|00");
    }
    assertThat(reasonOf(verifier, request(FORM_TYPE, form(many.toString(), PAYLOAD))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier, request(FORM_TYPE, form("integration_public_key|6dbadfaf", PAYLOAD))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_formReadOneStrictWay() {
    WebhookVerifier verifier = verifier();
    String signature = URLEncoder.encode(PAIR, StandardCharsets.UTF_8);
    String payload = URLEncoder.encode(PAYLOAD, StandardCharsets.UTF_8);
    String[] refused = {
      "bt_signature=" + signature + "&bt_payload=" + payload + "&bt_payload=" + payload,
      "bt_signature=" + signature + "&bt_signature=" + signature + "&bt_payload=" + payload,
      "bt_signature=" + signature + "&bt_payload=" + payload + "%zz",
      "bt_signature=" + signature + "&bt_payload=" + payload + "%ff",
      // An unencoded '+' is a space to every container: not base64, so refused.
      "bt_signature=" + signature + "&bt_payload=" + PAYLOAD,
      "bt_signature=" + signature,
      "bt_signature=" + signature + "&bt_payload=",
      "bt_signature=" + signature + "&bt_payload=" + payload.replace("%3D%3D", "%3D"),
    };
    for (String form : refused) {
      assertThat(reasonOf(verifier, request(FORM_TYPE, utf8(form))))
          .as(form)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // Re-encoded and reordered: the same decoded fields, the same verified payload.
    String reencoded =
        "bt_payload="
            + payload.replace("%2B", "%2b")
            + "&&bt_signature="
            + PAIR.replace("|", "%7C");
    assertThat(reasonOf(verifier, request(FORM_TYPE, utf8(reencoded)))).isNull();
    assertThat(reasonOf(verifier, request(FORM_TYPE, utf8("{\"bt_payload\":1}"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  /**
   * The flood the registry-wide test cannot shape: a forged form that names all eight configured
   * public keys over a payload at the body limit. Each key costs two HMACs of the payload; memory
   * is the payload read once, and its copy with a newline, whatever the number of keys.
   */
  @Test
  void verify_forgedPayloadAtTheLimitAgainstEightKeys_staysWithinTheStatedBound() {
    List<Braintree.Key> keys = new java.util.ArrayList<>();
    StringBuilder pairs = new StringBuilder();
    for (int i = 0; i < KeyRing.MAX_KEYS; i++) {
      keys.add(Braintree.key("pk" + i, "private" + i));
      pairs.append(i == 0 ? "" : "&").append("pk").append(i).append('|').append("0".repeat(40));
    }
    WebhookVerifier verifier = Braintree.builder(keys).build();
    String head =
        "bt_signature="
            + URLEncoder.encode(pairs.toString(), StandardCharsets.UTF_8)
            + "&bt_payload=";
    int limit = WebhookVerifier.DEFAULT_MAX_BODY_BYTES;
    byte[] body = utf8(head + "QUJD".repeat((limit - head.length()) / 4));
    WebhookRequest forged = request(FORM_TYPE, body);
    assertThat(reasonOf(verifier, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    long allocated = dev.hookverify.cost.ThreadCost.allocatedBytes();
    long cpu = dev.hookverify.cost.ThreadCost.cpuNanos();
    assertThat(reasonOf(verifier, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    allocated = dev.hookverify.cost.ThreadCost.allocatedBytes() - allocated;
    long cpuMillis = (dev.hookverify.cost.ThreadCost.cpuNanos() - cpu) / 1_000_000;
    assertThat(allocated).isLessThanOrEqualTo(4L * body.length + (1 << 20));
    assertThat(cpuMillis).isLessThan(2_000);
  }

  /**
   * The in-place form reader against core's {@link dev.hookverify.internal.FormData}, which reads a
   * form as servlet containers do: over random forms built from the fragments that matter (the
   * field names, encoded or not, escapes good and bad, UTF-8 good and bad), the same fields or the
   * same refusal.
   */
  @Test
  void read_randomForms_readAsCoresFormDataReadsThem() {
    String[] fragments = {
      "bt_signature",
      "bt_payload",
      "bt%5Fpayload",
      "bt_Payload",
      "=",
      "=",
      "&",
      "&",
      "%",
      "%4",
      "%41",
      "%zz",
      "%ff",
      "%c3%a9",
      "%ed%a0%80",
      "+",
      "QUJD",
      "PQ==",
      "%0A",
      "%2B",
      "x|",
      "|",
      "a",
      "%7C",
      "%26",
      "\u00e9"
    };
    java.util.Random random = new java.util.Random(RandomInputs.SEED);
    List<String> failures = new java.util.ArrayList<>();
    for (int round = 0; round < 20_000; round++) {
      StringBuilder form = new StringBuilder();
      int parts = random.nextInt(12);
      for (int i = 0; i < parts; i++) {
        form.append(fragments[random.nextInt(fragments.length)]);
      }
      byte[] body = utf8(form.toString());
      Braintree.Fields ours = new Braintree.Fields();
      dev.hookverify.Attempt outcome = Braintree.read(java.nio.ByteBuffer.wrap(body), ours);
      String expected = expected(body);
      String actual =
          outcome == null
              ? "signature="
                  + ours.signature
                  + " payload="
                  + new String(ours.payload, StandardCharsets.UTF_8)
              : outcome instanceof dev.hookverify.Attempt.Rejected
                  ? ((dev.hookverify.Attempt.Rejected) outcome).reason().name()
                  : "Absent";
      if (!expected.equals(actual)) {
        failures.add(form + ": FormData " + expected + ", ours " + actual);
      }
    }
    assertThat(failures).as("seed " + RandomInputs.SEED).isEmpty();
  }

  /** What {@link Braintree#read} must answer, computed from core's FormData. */
  private static String expected(byte[] body) {
    java.util.Optional<Map<String, List<String>>> form =
        dev.hookverify.internal.FormData.parse(body, StandardCharsets.UTF_8);
    if (form.isEmpty()) {
      return "MALFORMED_SIGNATURE";
    }
    List<String> signatures = form.get().get("bt_signature");
    List<String> payloads = form.get().get("bt_payload");
    if (signatures == null) {
      return "Absent";
    }
    if (signatures.size() > 1 || (payloads != null && payloads.size() > 1)) {
      return "MALFORMED_SIGNATURE";
    }
    if (payloads == null) {
      return "MALFORMED_SIGNATURE";
    }
    String payload = payloads.get(0);
    String compact = payload.replace("\n", "");
    boolean base64 =
        payload.matches("[A-Za-z0-9+/=\n]*")
            && compact.matches("[A-Za-z0-9+/]*={0,2}")
            && !compact.isEmpty()
            && compact.length() % 4 == 0;
    return base64
        ? "signature=" + signatures.get(0) + " payload=" + payload
        : "MALFORMED_SIGNATURE";
  }

  @Test
  void claim_newlineVariantAndReEncodedForm_haveOneKey() throws Exception {
    // Signed over the payload with a newline after it, sent without (Braintree's SDK accepts it).
    String lines = Braintree.base64Lines(utf8("<notification><kind>check</kind></notification>"));
    String bare = lines.substring(0, lines.length() - 1);
    String pair = "integration_public_key|" + Signed.hex(Braintree.hmac(INTEGRATION, lines));
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier(), new InMemoryIdempotencyStore(100)).build();
    try (ClaimedDelivery delivery = idempotent.claim(request(FORM_TYPE, form(pair, bare)))) {
      delivery.complete();
    }
    for (byte[] replay :
        new byte[][] {
          form(pair, lines),
          form("other|00&" + pair, bare),
          utf8(
              "bt_payload="
                  + URLEncoder.encode(bare, StandardCharsets.UTF_8)
                  + "&bt_signature="
                  + pair)
        }) {
      assertThatThrownBy(() -> idempotent.claim(request(FORM_TYPE, replay)))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY));
    }
    // Two newlines are not what was signed.
    assertThat(reasonOf(verifier(), request(FORM_TYPE, form(pair, lines + "\n"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_rotation_eitherKeyPairVerifies() throws Exception {
    Braintree.Key next = Braintree.key("next_public_key", "next_private_key");
    WebhookVerifier both = Braintree.builder(List.of(INTEGRATION, next)).build();
    String pair = "next_public_key|" + Signed.hex(Braintree.hmac(next, PAYLOAD));
    assertThat(both.verify(request(FORM_TYPE, form(PAIR + "&" + pair, PAYLOAD))).keyId())
        .isEqualTo("integration_public_key");
    assertThat(both.verify(request(FORM_TYPE, form(pair, PAYLOAD))).keyId())
        .isEqualTo("next_public_key");
    assertThatThrownBy(() -> Braintree.builder(List.of(INTEGRATION, INTEGRATION)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registry_keysAsTextAndTheSigningKit() throws Exception {
    Provider braintree = Providers.byName("braintree");
    WebhookVerifier verifier =
        braintree.verifier(List.of("integration_public_key:integration_private_key")).build();
    verifier.verify(request(FORM_TYPE, form(PAIR, PAYLOAD)));
    byte[] xml = utf8("<notification><kind>check</kind></notification>");
    SignedDelivery signed =
        braintree
            .sender()
            .sign(
                "integration_public_key:integration_private_key",
                OutgoingWebhook.builder(xml).build());
    assertThat(signed.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
    VerifiedWebhook webhook = verifier.verify(request(signed.headers(), signed.body()));
    assertThat(Braintree.notificationXml(webhook)).isEqualTo(xml);
    assertThat(Base64.getMimeDecoder().decode(Braintree.base64Lines(xml))).isEqualTo(xml);
    assertThatThrownBy(
            () ->
                ((SharedSecretProvider) braintree)
                    .verifier(KeyRing.of(WebhookSecret.ofUtf8("secret"))))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad : new String[] {"no-colon", ":private", "pub:", "pub: padded", "p u b:x"}) {
      assertThatThrownBy(() -> braintree.verifier(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(INTEGRATION.toString()).doesNotContain("private");
  }
}
