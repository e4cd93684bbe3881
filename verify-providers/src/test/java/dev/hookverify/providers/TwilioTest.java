package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Twilio beyond its official vectors: what the signature covers (a body it does not cover is a
 * rejection), the form parsed once whatever the keys and URL variants, the parameter cap, and
 * replays through {@link IdempotentVerifier}.
 */
class TwilioTest {
  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";
  private static final String FORM =
      "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309"
          + "&To=%2B18005551212";
  private static final String FORM_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  /** The parameter cap: Jetty's and Tomcat's default form limit. */
  private static final int CAP = 1000;

  private static final int MIB = 1 << 20;

  private final WebhookVerifier verifier = Twilio.verifier(WebhookSecret.ofUtf8(TOKEN));

  private static WebhookRequest request(
      String method, String url, String contentType, String signature, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method(method).uri(url).body(body);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return builder.header("X-Twilio-Signature", signature).build();
  }

  private static WebhookRequest post(String contentType, String signature, String body) {
    return request("POST", URL, contentType, signature, utf8(body));
  }

  /**
   * Twilio's algorithm written out independently of the code under test: HMAC-SHA1 of the URL and
   * every parameter as name+value, sorted by name then value (String order).
   */
  private static String twilioSignature(String token, String url, Map<String, List<String>> form)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    mac.update(url.getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> parameter : new TreeMap<>(form).entrySet()) {
      for (String value : new java.util.TreeSet<>(parameter.getValue())) {
        mac.update((parameter.getKey() + value).getBytes(StandardCharsets.UTF_8));
      }
    }
    return Base64.getEncoder().encodeToString(mac.doFinal());
  }

  private static String urlOnlySignature(String url) throws Exception {
    return twilioSignature(TOKEN, url, Map.of());
  }

  // What the signature covers (issue 9, finding 7).

  @Test
  void verify_bodyOfAnotherTypeWithoutBodySha256_rejectedAsNotCovered() throws Exception {
    String urlOnly = urlOnlySignature(URL);
    for (String type :
        List.of(
            "application/json",
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded-but-not",
            "application/x-www-form-urlencodedx",
            "application/x-www-form-urlencoded; charset=iso-8859-1",
            "application/x-www-form-urlencoded, application/json")) {
      assertThat(reasonOf(verifier, post(type, urlOnly, "{\"amount\":999999}")))
          .as("signature over the URL alone, body of type %s", type)
          .isNotNull();
    }
    assertThat(reasonOf(verifier, post(null, urlOnly, "{\"amount\":999999}")))
        .as("no content type")
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, post("application/json", urlOnly, "{\"amount\":999999}")))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_formTypeWithLeadingSpace_isParsedAsAFormSoItsBodyIsSigned() throws Exception {
    String urlOnly = urlOnlySignature(URL);
    assertThat(reasonOf(verifier, post(" " + FORM_TYPE, urlOnly, "Amount=999999")))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, post(" " + FORM_TYPE, FORM_SIGNATURE, FORM))).isNull();
  }

  @Test
  void verify_formTypeParsedNotPrefixMatched_caseAndParametersAllowed() {
    for (String type :
        List.of(
            FORM_TYPE,
            "Application/X-WWW-Form-URLEncoded",
            FORM_TYPE + "; charset=UTF-8",
            FORM_TYPE + ";charset=\"utf-8\"",
            FORM_TYPE + " ; charset=utf-8 ; foo=bar",
            "\t" + FORM_TYPE + " ")) {
      assertThat(reasonOf(verifier, post(type, FORM_SIGNATURE, FORM))).as(type).isNull();
    }
    for (String type :
        List.of(
            FORM_TYPE + "; charset=iso-8859-1",
            FORM_TYPE + "; charset=utf-8; charset=iso-8859-1",
            FORM_TYPE + "; charset",
            FORM_TYPE + "x",
            "application/x-www-form-urlencoded/x",
            "text/plain")) {
      assertThat(reasonOf(verifier, post(type, FORM_SIGNATURE, FORM)))
          .as(type)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_contentTypeSentTwice_rejected() {
    WebhookRequest twice =
        WebhookRequest.builder()
            .uri(URL)
            .header("Content-Type", FORM_TYPE)
            .header("Content-Type", "application/json")
            .header("X-Twilio-Signature", FORM_SIGNATURE)
            .body(utf8(FORM))
            .build();
    assertThat(reasonOf(verifier, twice)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_bodyOnGet_rejectedEvenWhenItsParametersAreSigned() throws Exception {
    String urlOnly = urlOnlySignature(URL);
    assertThat(reasonOf(verifier, request("GET", URL, null, urlOnly, new byte[0]))).isNull();
    assertThat(reasonOf(verifier, request("GET", URL, "application/json", urlOnly, utf8("{}"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request("GET", URL, FORM_TYPE, FORM_SIGNATURE, utf8(FORM))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_emptyBody_signatureOverTheUrlAloneSuffices() throws Exception {
    String urlOnly = urlOnlySignature(URL);
    assertThat(reasonOf(verifier, post(null, urlOnly, ""))).isNull();
    assertThat(reasonOf(verifier, post("application/json", urlOnly, ""))).isNull();
    assertThat(reasonOf(verifier, post(FORM_TYPE, urlOnly, ""))).isNull();
  }

  @Test
  void verify_bodySha256CoversABodyOfAnyType() throws Exception {
    byte[] json = utf8("{\"property\": \"value\", \"boolean\": true}");
    String url = Twilio.withBodySha256(URL, json);
    String signature = urlOnlySignature(url);
    for (String type : List.of("application/json", "text/plain", FORM_TYPE)) {
      assertThat(reasonOf(verifier, request("POST", url, type, signature, json))).isNull();
    }
    assertThat(reasonOf(verifier, request("GET", url, "application/json", signature, json)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_bodySha256SpelledDifferently_acceptedOnlyAsTheBodysHashInHex() throws Exception {
    byte[] json = utf8("{\"property\": \"value\", \"boolean\": true}");
    String hash = Twilio.withBodySha256("", json).substring("?bodySHA256=".length());
    String otherHash = Twilio.withBodySha256("", utf8("{}")).substring("?bodySHA256=".length());
    int letter = firstLetter(hash);
    Map<String, Reason> spellings = new LinkedHashMap<>();
    spellings.put(hash, null);
    spellings.put(hash.toUpperCase(java.util.Locale.ROOT), null);
    spellings.put(
        hash.substring(0, letter)
            + Character.toUpperCase(hash.charAt(letter))
            + hash.substring(letter + 1),
        null);
    spellings.put(
        hash.substring(0, letter)
            + String.format("%%%02X", (int) hash.charAt(letter))
            + hash.substring(letter + 1),
        null); // the query is form-decoded, as the container decodes it
    spellings.put(hash.substring(1), Reason.SIGNATURE_MISMATCH);
    spellings.put(hash + "0", Reason.SIGNATURE_MISMATCH);
    spellings.put(hash.substring(0, 63) + "g", Reason.SIGNATURE_MISMATCH);
    spellings.put(
        hash.substring(0, 63) + "%C4%B0", Reason.SIGNATURE_MISMATCH); // U+0130 lowers to 2
    spellings.put(
        hash.substring(0, letter) + "%EF%BD%81" + hash.substring(letter + 1), // fullwidth a
        Reason.SIGNATURE_MISMATCH);
    // A raw space is no query value the container would decode: no bodySHA256, so not covered.
    spellings.put(" " + hash.substring(1), Reason.MALFORMED_SIGNATURE);
    spellings.put(otherHash, Reason.SIGNATURE_MISMATCH);
    spellings.put(hash, null); // once more after every rejection: no state left behind
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Reason> spelling : spellings.entrySet()) {
      String url = URL + "&bodySHA256=" + spelling.getKey();
      Reason reason =
          reasonOf(verifier, request("POST", url, "application/json", urlOnlySignature(url), json));
      if (reason != spelling.getValue()) {
        wrong.add(spelling.getKey() + ": " + reason);
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static int firstLetter(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (Character.isLetter(hex.charAt(i))) {
        return i;
      }
    }
    throw new AssertionError("no letter in " + hex);
  }

  @Test
  void verify_jsonOnManyThreadsAtOnce_everyDecisionRight() throws Exception {
    byte[] json = utf8("{\"property\": \"value\"}");
    String url = Twilio.withBodySha256(URL, json);
    String genuine = urlOnlySignature(url);
    String forged = urlOnlySignature(url + "x");
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Reason>> decisions = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        String signature = i % 2 == 0 ? genuine : forged;
        byte[] body = i % 3 == 0 ? utf8("{\"property\": \"other\"}") : json;
        decisions.add(
            threads.submit(
                () ->
                    reasonOf(verifier, request("POST", url, "application/json", signature, body))));
      }
      for (int i = 0; i < decisions.size(); i++) {
        Reason expected = i % 2 == 0 && i % 3 != 0 ? null : Reason.SIGNATURE_MISMATCH;
        assertThat(decisions.get(i).get()).as("request %d", i).isEqualTo(expected);
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void verifiedWebhook_acceptedBody_isReportedSigned() throws Exception {
    assertThat(verifier.verify(post(FORM_TYPE, FORM_SIGNATURE, FORM)).body()).isNotEmpty();
  }

  // The form: parsed strictly, as a servlet container reads it.

  @Test
  void verify_formEncodingsOfTheSameParameters_verify() throws Exception {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Body", List.of("caf\u00e9 + cr\u00e8me & 1=1"));
    params.put("From", List.of("+14158675309"));
    params.put("\uff21", List.of("fullwidth"));
    params.put("\ud83d\ude00", List.of("emoji"));
    params.put("MediaUrl", List.of("b", "a"));
    String signature = twilioSignature(TOKEN, URL, params);
    String canonical =
        "Body=caf%C3%A9+%2B+cr%C3%A8me+%26+1%3D1&From=%2B14158675309&%EF%BC%A1=fullwidth"
            + "&%F0%9F%98%80=emoji&MediaUrl=b&MediaUrl=a";
    String reordered =
        "%F0%9F%98%80=emoji&MediaUrl=a&%46rom=%2B14158675309&&MediaUrl=b&%ef%bc%a1=fullwidth"
            + "&Body=caf\u00e9%20%2B%20cr\u00e8me%20%26%201%3d1";
    assertThat(reasonOf(verifier, post(FORM_TYPE, signature, canonical))).isNull();
    assertThat(reasonOf(verifier, post(FORM_TYPE, signature, reordered))).isNull();
    assertThat(reasonOf(verifier, post(FORM_TYPE, signature, canonical + "&Body=x")))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_formWithBadEscapesOrInvalidUtf8_rejectedAsMalformed() throws Exception {
    for (String form :
        List.of(
            "a=%", "a=%4", "a=%zz", "a=%u0041", "%C3=x", "a=%C3%28", "a=%ED%A0%80", "a=%C0%AF")) {
      assertThat(reasonOf(verifier, post(FORM_TYPE, FORM_SIGNATURE, form)))
          .as(form)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    WebhookRequest rawInvalid =
        request("POST", URL, FORM_TYPE, FORM_SIGNATURE, new byte[] {'a', '=', (byte) 0xff});
    assertThat(reasonOf(verifier, rawInvalid)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  // Bounded work on forgeries (issue 9, finding 2).

  @Test
  void verify_formAtTheParameterCap_acceptedAndOnePastItRejected() throws Exception {
    Map<String, List<String>> atCap = new TreeMap<>();
    for (int i = 0; i < CAP; i++) {
      atCap.put("P" + i, List.of("v"));
    }
    String signature = twilioSignature(TOKEN, URL, atCap);
    assertThat(reasonOf(verifier, post(FORM_TYPE, signature, encode(atCap)))).isNull();

    Map<String, List<String>> pastCap = new TreeMap<>(atCap);
    pastCap.put("P" + CAP, List.of("v"));
    String genuine = twilioSignature(TOKEN, URL, pastCap);
    assertThat(reasonOf(verifier, post(FORM_TYPE, genuine, encode(pastCap))))
        .isEqualTo(Reason.BODY_TOO_LARGE);
    // Empty items between separators are not parameters, as servlet containers read them.
    assertThat(reasonOf(verifier, post(FORM_TYPE, signature, encode(atCap) + "&&&"))).isNull();
  }

  @Test
  void verify_forgedFormOfManyShortNamesAtTheBodyLimit_rejectedBeforeAnythingIsBuilt() {
    byte[] body = manyShortNames(MIB);
    WebhookVerifier manyKeys =
        Twilio.builder(ring(KeyRing.MAX_KEYS), UnaryOperator.identity()).build();
    WebhookRequest forged = request("POST", URL, FORM_TYPE, FORM_SIGNATURE, body);
    long allocated = leastAllocated("forged 1 MiB form of short names, 8 keys", manyKeys, forged);
    assertThat(reasonOf(manyKeys, forged)).isEqualTo(Reason.BODY_TOO_LARGE);
    assertThat(allocated).as("bytes allocated per forged request").isLessThan(64 * 1024);
  }

  /**
   * The Javadoc's bound: a forged form at the body limit and at the parameter cap allocates about
   * the body size once, however many keys and URL variants are tried.
   */
  @Test
  void verify_forgedFormAtBodyLimitAndCap_allocatesAboutTheBodySizeWhateverTheKeys() {
    byte[] body = longParameters(MIB, CAP);
    WebhookRequest forged = request("POST", URL, FORM_TYPE, FORM_SIGNATURE, body);
    WebhookVerifier oneKey = Twilio.builder(ring(1), UnaryOperator.identity()).build();
    WebhookVerifier manyKeys =
        Twilio.builder(ring(KeyRing.MAX_KEYS), UnaryOperator.identity()).build();
    assertThat(reasonOf(manyKeys, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    long one = leastAllocated("forged 1 MiB form of 1,000 parameters, 1 key", oneKey, forged);
    long many = leastAllocated("forged 1 MiB form of 1,000 parameters, 8 keys", manyKeys, forged);
    assertThat(many).as("bytes allocated with 8 keys").isLessThan(body.length + 128 * 1024L);
    assertThat(many - one).as("bytes allocated per extra key").isLessThan(15 * 1024L);
  }

  private static KeyRing ring(int keys) {
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < keys; i++) {
      ring.add("key-" + i, WebhookSecret.ofUtf8("auth-token-" + i));
    }
    return ring.build();
  }

  /** The least the current thread allocates verifying {@code request}, over a few runs. */
  private static long leastAllocated(
      String label, WebhookVerifier verifier, WebhookRequest request) {
    long least = Long.MAX_VALUE;
    long fastest = Long.MAX_VALUE;
    for (int run = 0; run < 3; run++) {
      long before = allocatedByThisThread();
      long start = System.nanoTime();
      reasonOf(verifier, request);
      fastest = Math.min(fastest, System.nanoTime() - start);
      least = Math.min(least, allocatedByThisThread() - before);
    }
    // Wall-clock time is reported, never asserted: the machine is shared.
    System.out.printf("twilio %s: %,d B allocated, %.1f ms%n", label, least, fastest / 1e6);
    return least;
  }

  /**
   * HotSpot's count of the bytes this thread allocated, through {@code
   * com.sun.management.ThreadMXBean} (read reflectively: the test module does not read
   * jdk.management).
   */
  static long allocatedByThisThread() {
    try {
      Method allocated =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getCurrentThreadAllocatedBytes");
      return (Long) allocated.invoke(ManagementFactory.getThreadMXBean());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("this JVM does not count allocated bytes per thread", e);
    }
  }

  /** {@code n0000=&n0001=&...}: distinct short names up to {@code size} bytes. */
  private static byte[] manyShortNames(int size) {
    StringBuilder out = new StringBuilder(size);
    for (int i = 0; ; i++) {
      String item = (i == 0 ? "" : "&") + "n" + Integer.toString(i, 36) + "=";
      if (out.length() + item.length() > size) {
        return utf8(out.toString());
      }
      out.append(item);
    }
  }

  /** {@code count} parameters with long escaped names and values, filling {@code size} bytes. */
  private static byte[] longParameters(int size, int count) {
    int each = size / count - 1;
    StringBuilder out = new StringBuilder(size);
    for (int i = 0; i < count; i++) {
      StringBuilder item = new StringBuilder(i == 0 ? "" : "&").append("Name%C3%A9").append(i);
      item.append('=');
      while (item.length() < each - 3) {
        item.append(item.length() % 7 == 0 ? "%20" : "v");
      }
      while (item.length() < each + (i == 0 ? 0 : 1)) {
        item.append('x');
      }
      out.append(item);
    }
    return utf8(out.toString());
  }

  private static String encode(Map<String, List<String>> params) {
    List<String> items = new ArrayList<>();
    params.forEach(
        (name, values) -> {
          for (String value : values) {
            items.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return String.join("&", items);
  }

  // Replays through IdempotentVerifier (issue 9, "one delivery has one key").

  @Test
  void claim_formDeliveryReplayedWithEveryUnsignedChange_isDuplicateOrRejected() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(1000)).build();
    WebhookRequest genuine = post(FORM_TYPE, FORM_SIGNATURE, FORM);
    try (var delivery = idempotent.claim(genuine)) {
      delivery.complete();
    }
    Map<String, WebhookRequest> replays = new LinkedHashMap<>();
    replays.put("identical", genuine);
    replays.put(
        "unsigned headers added",
        WebhookRequest.builder()
            .uri(URL)
            .header("Content-Type", FORM_TYPE)
            .header("X-Twilio-Signature", FORM_SIGNATURE)
            .header("I-Twilio-Idempotency-Token", "replay-1")
            .header("X-Request-Id", "replay-1")
            .body(utf8(FORM))
            .build());
    replays.put(
        "content type with charset", post(FORM_TYPE + "; charset=utf-8", FORM_SIGNATURE, FORM));
    replays.put("content type removed", post(null, FORM_SIGNATURE, FORM));
    replays.put(
        "default port added",
        request(
            "POST",
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            FORM_TYPE,
            FORM_SIGNATURE,
            utf8(FORM)));
    replays.put("signature without padding", post(FORM_TYPE, "RSOYDt4T1cUTdK1PDd93/VVr8B8", FORM));
    replays.put(
        "parameters reordered and re-escaped",
        post(
            FORM_TYPE,
            FORM_SIGNATURE,
            "To=%2b18005551212&%43allSid=CA1234567890ABCDE&&Digits=1234&Caller=%2B14158675309"
                + "&From=%2B14158675309"));
    replays.put("a parameter repeated", post(FORM_TYPE, FORM_SIGNATURE, FORM + "&Digits=1234"));
    replays.put("as GET", request("GET", URL, FORM_TYPE, FORM_SIGNATURE, utf8(FORM)));
    assertReplaysNotProcessed(idempotent, replays);
  }

  @Test
  void claim_jsonDeliveryReplayedWithEveryUnsignedChange_isDuplicateOrRejected() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(1000)).build();
    byte[] json = utf8("{\"property\": \"value\", \"boolean\": true}");
    String url = Twilio.withBodySha256(URL, json);
    String signature = urlOnlySignature(url);
    WebhookRequest genuine = request("POST", url, "application/json", signature, json);
    try (var delivery = idempotent.claim(genuine)) {
      delivery.complete();
    }
    Map<String, WebhookRequest> replays = new LinkedHashMap<>();
    replays.put("identical", genuine);
    replays.put("content type changed", request("POST", url, "text/plain", signature, json));
    replays.put(
        "default port added",
        request(
            "POST",
            url.replace("mycompany.com/", "mycompany.com:443/"),
            "application/json",
            signature,
            json));
    replays.put(
        "signature without padding",
        request("POST", url, "application/json", signature.replace("=", ""), json));
    assertReplaysNotProcessed(idempotent, replays);
  }

  private static void assertReplaysNotProcessed(
      IdempotentVerifier idempotent, Map<String, WebhookRequest> replays) {
    Map<String, String> processed = new LinkedHashMap<>();
    replays.forEach(
        (change, replay) -> {
          try (var delivery = idempotent.claim(replay)) {
            delivery.complete();
            processed.put(change, "processed again under " + delivery.webhook().deliveryKey());
          } catch (WebhookVerificationException e) {
            // DUPLICATE_DELIVERY or any rejection: not processed again.
          }
        });
    assertThat(processed).as("replays processed a second time").isEmpty();
  }
}
