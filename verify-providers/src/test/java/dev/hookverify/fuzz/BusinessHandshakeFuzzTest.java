package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.AzureEventGrid;
import dev.hookverify.providers.Box;
import dev.hookverify.providers.DocuSign;
import dev.hookverify.providers.Okta;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The parsing the business senders added, fed fuzzed input in three shapes:
 *
 * <ol>
 *   <li>numbered signature headers (DocuSign's {@code X-DocuSign-Signature-N}, Box's primary and
 *       secondary): fuzzed names, numbers, repeats and values, with or without the genuine
 *       signature among them. Accepting a request that does not carry the genuine signature in a
 *       header that is looked up is a finding;
 *   <li>the Event Grid subscription validation body, with the genuine token: an answered code must
 *       be the code Jackson databind, Gson and org.json read from the same bytes, as one event of
 *       the validation type;
 *   <li>Okta's verification challenge: answered only with the genuine token, and only with JSON
 *       that reads back as exactly the challenge sent.
 * </ol>
 *
 * {@link Budget} fences time and allocation of the verification and requires the same outcome
 * twice.
 */
class BusinessHandshakeFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final byte[] BODY =
      "{\"type\":\"webhook_event\",\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  private static final String KEY = "fuzz-key";
  private static final String TOKEN = "fuzz-token";

  private static final WebhookVerifier DOCUSIGN =
      Providers.byName(DocuSign.NAME).verifier(List.of(KEY)).clock(CLOCK).build();
  private static final String DOCUSIGN_SIGNATURE =
      genuine(DocuSign.NAME, DocuSign.SIGNATURE_HEADER);
  private static final WebhookVerifier BOX =
      Providers.byName(Box.NAME).verifier(List.of(KEY)).clock(CLOCK).build();
  private static final Map<String, String> BOX_HEADERS = signed(Box.NAME);
  private static final WebhookVerifier EVENT_GRID =
      AzureEventGrid.builder(KeyRing.of(WebhookSecret.ofUtf8(TOKEN))).clock(CLOCK).build();
  private static final WebhookVerifier OKTA =
      Okta.builder(KeyRing.of(WebhookSecret.ofUtf8(TOKEN))).clock(CLOCK).build();
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static Map<String, String> signed(String provider) {
    return Providers.byName(provider)
        .sender()
        .sign(KEY, OutgoingWebhook.builder(BODY).timestamp(NOW).id("msg_1").build())
        .headers();
  }

  private static String genuine(String provider, String header) {
    return signed(provider).get(header);
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz(FuzzedDataProvider data) throws Exception {
    switch (data.consumeInt(0, 3)) {
      case 0:
        numberedHeaders(data);
        break;
      case 1:
        boxHeaders(data);
        break;
      case 2:
        validationBody(data);
        break;
      default:
        oktaChallenge(data);
    }
  }

  private static void numberedHeaders(FuzzedDataProvider data) {
    WebhookRequest.Builder request = WebhookRequest.builder().body(BODY);
    boolean genuineLookedUp = false;
    int headers = data.consumeInt(0, 24);
    for (int i = 0; i < headers; i++) {
      String name =
          data.consumeBoolean()
              ? DocuSign.SIGNATURE_HEADER_PREFIX + data.consumeInt(-1, 130)
              : data.consumeString(40);
      String value = data.consumeBoolean() ? DOCUSIGN_SIGNATURE : data.consumeString(80);
      genuineLookedUp |= isLookedUp(name) && sameSignature(value, DOCUSIGN_SIGNATURE);
      request.header(name, value);
    }
    Budget.Outcome outcome = Budget.verify(DOCUSIGN, request.build());
    if (outcome.verified != null) {
      assertThat(genuineLookedUp).as("accepted without the genuine signature in -1..-100").isTrue();
    }
  }

  /** Whether {@code name} is one of the numbered headers looked up, in any case. */
  private static boolean isLookedUp(String name) {
    for (int n = 1; n <= DocuSign.MAX_SIGNATURE_HEADERS; n++) {
      if (name.equalsIgnoreCase(DocuSign.SIGNATURE_HEADER_PREFIX + n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code value} is {@code genuine} as the grammar reads it: padded, with or without =.
   */
  private static boolean sameSignature(String value, String genuine) {
    String trimmed = value.replaceAll("^[ \\t]+|[ \\t]+$", "");
    return trimmed.replace("=", "").equals(genuine.replace("=", ""));
  }

  private static void boxHeaders(FuzzedDataProvider data) {
    WebhookRequest.Builder request = WebhookRequest.builder().body(BODY);
    boolean genuine = false;
    String signature = BOX_HEADERS.get(Box.PRIMARY_SIGNATURE_HEADER);
    for (Map.Entry<String, String> header : BOX_HEADERS.entrySet()) {
      int copies = data.consumeInt(0, 2);
      for (int i = 0; i < copies; i++) {
        String value = data.consumeBoolean() ? header.getValue() : data.consumeString(80);
        boolean signatureHeader =
            header.getKey().equals(Box.PRIMARY_SIGNATURE_HEADER)
                || header.getKey().equals(Box.SECONDARY_SIGNATURE_HEADER);
        genuine |= signatureHeader && sameSignature(value, signature);
        request.header(header.getKey(), value);
      }
    }
    if (data.consumeBoolean()) {
      String value = data.consumeBoolean() ? signature : data.consumeString(80);
      genuine |= sameSignature(value, signature);
      request.header(Box.SECONDARY_SIGNATURE_HEADER, value);
    }
    Budget.Outcome outcome = Budget.verify(BOX, request.build());
    if (outcome.verified != null) {
      assertThat(genuine).as("Box accepted without the genuine signature").isTrue();
    }
  }

  private static void validationBody(FuzzedDataProvider data) throws Exception {
    boolean genuineToken = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    WebhookRequest request =
        WebhookRequest.builder()
            .header(AzureEventGrid.EVENT_TYPE_HEADER, "SubscriptionValidation")
            .header("Authorization", "Bearer " + (genuineToken ? TOKEN : "forged"))
            .body(body)
            .build();
    Optional<String> answer;
    try {
      answer = AzureEventGrid.validationResponse(EVENT_GRID, request);
    } catch (WebhookVerificationException e) {
      assertThat(genuineToken).as("the genuine token was rejected").isFalse();
      return;
    }
    assertThat(genuineToken).as("a forged token was answered").isTrue();
    if (answer.isEmpty()) {
      return;
    }
    String code = JACKSON.readTree(answer.get()).get("validationResponse").asText();
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode jackson = JACKSON.readTree(body);
    assertThat(jackson.size()).isEqualTo(1);
    assertThat(jackson.get(0).get("eventType").asText())
        .isEqualTo(AzureEventGrid.VALIDATION_EVENT_TYPE);
    assertThat(jackson.get(0).get("data").get("validationCode").asText()).isEqualTo(code);
    JsonArray gson = com.google.gson.JsonParser.parseString(text).getAsJsonArray();
    assertThat(gson.size()).isEqualTo(1);
    JsonObject event = gson.get(0).getAsJsonObject();
    assertThat(event.get("eventType").getAsString())
        .isEqualTo(AzureEventGrid.VALIDATION_EVENT_TYPE);
    assertThat(event.getAsJsonObject("data").get("validationCode").getAsString()).isEqualTo(code);
    JSONArray org = new JSONArray(text);
    assertThat(org.length()).isEqualTo(1);
    JSONObject orgEvent = org.getJSONObject(0);
    assertThat(orgEvent.getString("eventType")).isEqualTo(AzureEventGrid.VALIDATION_EVENT_TYPE);
    assertThat(orgEvent.getJSONObject("data").getString("validationCode")).isEqualTo(code);
  }

  private static void oktaChallenge(FuzzedDataProvider data) throws Exception {
    boolean genuineToken = data.consumeBoolean();
    String token = genuineToken ? TOKEN : data.consumeString(64);
    String challenge = data.consumeRemainingAsString();
    WebhookRequest request =
        WebhookRequest.builder()
            .method("GET")
            .header("Authorization", token)
            .header(Okta.CHALLENGE_HEADER, challenge)
            .build();
    Optional<String> answer;
    try {
      answer = Okta.verificationResponse(OKTA, request);
    } catch (WebhookVerificationException e) {
      assertThat(token.strip()).as("the genuine token was rejected").isNotEqualTo(TOKEN);
      return;
    }
    assertThat(token.strip()).as("a forged token was answered").isEqualTo(TOKEN);
    if (answer.isPresent()) {
      assertThat(JACKSON.readTree(answer.get()).get("verification").asText()).isEqualTo(challenge);
      assertThat(JACKSON.readTree(answer.get()).size()).isEqualTo(1);
    }
  }
}
