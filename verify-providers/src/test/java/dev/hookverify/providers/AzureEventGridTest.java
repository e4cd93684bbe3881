package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Azure Event Grid: the shared secret as a Bearer delivery property, a header or a query parameter
 * (never logged), and both handshakes answered only after it checks out (genuine, forged,
 * malformed); the validation body read as every JSON parser reads it.
 */
class AzureEventGridTest {
  private static final String SECRET = "eg-s3cr3t-value";
  private static final String CODE = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6";
  // The SubscriptionValidationEvent of Microsoft's docs
  // (end-point-validation-event-grid-events-schema).
  private static final String VALIDATION =
      "[{\"id\":\"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66\","
          + "\"topic\":\"/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\",\"subject\":\"\","
          + "\"data\":{\"validationCode\":\"$CODE\",\"validationUrl\":"
          + "\"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate"
          + "?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z"
          + "&apiVersion=2018-05-01-preview&token=1A1A1A1A\"},"
          + "\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
          + "\"eventTime\":\"2022-10-28T04:23:35.1981776Z\",\"metadataVersion\":\"1\","
          + "\"dataVersion\":\"1\"}]";

  private final WebhookVerifier verifier =
      AzureEventGrid.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).build();

  private static WebhookRequest.Builder validation(String body) {
    return WebhookRequest.builder()
        .uri("https://receiver.example/eg")
        .header(AzureEventGrid.EVENT_TYPE_HEADER, "SubscriptionValidation")
        .body(utf8(body));
  }

  @Test
  void validation_genuine_echoesTheCode() throws Exception {
    WebhookRequest request =
        validation(VALIDATION.replace("$CODE", CODE))
            .header("Authorization", "BEARER " + SECRET)
            .build();
    assertThat(AzureEventGrid.validationResponse(verifier, request))
        .contains("{\"validationResponse\":\"" + CODE + "\"}");
    assertThat(AzureEventGrid.validationResponse(verifier.verify(request))).isPresent();
  }

  @Test
  void validation_forgedOrMissingSecret_neverAnswered() {
    String body = VALIDATION.replace("$CODE", CODE);
    assertThatThrownBy(
            () ->
                AzureEventGrid.validationResponse(
                    verifier, validation(body).header("Authorization", "Bearer guess").build()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThatThrownBy(() -> AzureEventGrid.validationResponse(verifier, validation(body).build()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void validation_malformed_notAnswered() throws Exception {
    String one = VALIDATION.replace("$CODE", CODE);
    String event = one.substring(1, one.length() - 1);
    List<String> bad =
        List.of(
            event, // an object, not an array
            "[" + event + "," + event + "]", // two events
            "[]",
            one + " []",
            one.replace("SubscriptionValidationEvent", "StorageBlobCreated"),
            one.replace("\"data\":{", "\"data\":{\"validationCode\":\"other\","),
            one.replace("\"data\":{", "\"data.validationCode\":\"other\",\"data\":{"),
            one.replace("\"eventType\"", "\"eventType\":\"x\",\"eventType\""),
            one.replace("\"" + CODE + "\"", "123"),
            one.replace(CODE, "a b"),
            one.replace(CODE, ""),
            one.replace(CODE, "\\u0000"),
            "\ufeff" + one,
            one.replace("\"data\":{", "\"data\":{\"validationCode.x\":1,"));
    for (String body : bad) {
      WebhookRequest request = validation(body).header("Authorization", "Bearer " + SECRET).build();
      assertThat(AzureEventGrid.validationResponse(verifier, request)).as(body).isEmpty();
    }
    WebhookRequest notification =
        WebhookRequest.builder()
            .header(AzureEventGrid.EVENT_TYPE_HEADER, "Notification")
            .header("Authorization", "Bearer " + SECRET)
            .body(utf8(one))
            .build();
    assertThat(AzureEventGrid.validationResponse(verifier, notification)).isEmpty();
  }

  /**
   * Differential: every validation body answered reads, in Jackson databind, Gson and org.json, as
   * one event of the validation type whose {@code data.validationCode} is the code answered.
   */
  @Test
  void validation_ambiguousBodies_answeredOnlyWithTheCodeEveryParserReads() {
    String one = VALIDATION.replace("$CODE", CODE);
    List<String> corpus = new ArrayList<>();
    String[] codes = {
      "\"" + CODE + "\"",
      "\"c\\u006fde\"",
      "\"\\ud800\"",
      "\"a\\\"b\"",
      "null",
      "1",
      "[\"x\"]",
      "{}"
    };
    String[] extras = {
      "",
      "\"data\":{\"validationCode\":\"evil\"},",
      "\"Data\":{\"validationCode\":\"evil\"},",
      "\"\\u0064ata\":{\"validationCode\":\"evil\"},",
      "\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",",
      "\"x\":1,\"x\":2,",
      "\"deep\":" + "[".repeat(70) + "]".repeat(70) + ","
    };
    String[] trailers = {"", " ", ",{}", " [{}]", "x", "\u0000"};
    for (String code : codes) {
      for (String extra : extras) {
        for (String trailer : trailers) {
          String body = one.replace("\"" + CODE + "\"", code).replaceFirst("\\[\\{", "[{" + extra);
          int end = body.lastIndexOf(']');
          corpus.add(body.substring(0, end) + trailer + body.substring(end));
          corpus.add(body + trailer);
        }
      }
    }
    List<String> findings = new ArrayList<>();
    int answered = 0;
    for (String body : corpus) {
      Optional<String> code = AzureEventGrid.validationCode(ByteBuffer.wrap(utf8(body)));
      if (code.isEmpty()) {
        continue;
      }
      answered++;
      for (Map.Entry<String, Optional<String>> theirs : parsers(body).entrySet()) {
        if (!theirs.getValue().equals(code)) {
          findings.add(
              body + ": answered " + code + ", " + theirs.getKey() + " reads " + theirs.getValue());
        }
      }
    }
    assertThat(findings).isEmpty();
    assertThat(answered).isPositive();
  }

  /** What each handler-side parser reads as the code of a one-event validation body. */
  private static Map<String, Optional<String>> parsers(String body) {
    Optional<String> jackson;
    try {
      JsonNode tree = new ObjectMapper().readTree(body);
      jackson =
          tree.isArray()
                  && tree.size() == 1
                  && AzureEventGrid.VALIDATION_EVENT_TYPE.equals(
                      tree.get(0).path("eventType").asText(null))
                  && tree.get(0).path("data").path("validationCode").isTextual()
              ? Optional.of(tree.get(0).path("data").path("validationCode").asText())
              : Optional.empty();
    } catch (Exception e) {
      jackson = Optional.of("<refused: " + e.getClass().getSimpleName() + ">");
    }
    Optional<String> gson;
    try {
      JsonElement tree = com.google.gson.JsonParser.parseString(body);
      JsonArray array = tree.getAsJsonArray();
      com.google.gson.JsonObject event = array.get(0).getAsJsonObject();
      gson =
          array.size() == 1
                  && AzureEventGrid.VALIDATION_EVENT_TYPE.equals(
                      event.get("eventType").getAsString())
              ? Optional.of(event.getAsJsonObject("data").get("validationCode").getAsString())
              : Optional.empty();
    } catch (Exception e) {
      gson = Optional.of("<refused: " + e.getClass().getSimpleName() + ">");
    }
    Optional<String> orgJson;
    try {
      JSONArray array = new JSONArray(body);
      JSONObject event = array.getJSONObject(0);
      orgJson =
          array.length() == 1
                  && AzureEventGrid.VALIDATION_EVENT_TYPE.equals(event.getString("eventType"))
              ? Optional.of(event.getJSONObject("data").getString("validationCode"))
              : Optional.empty();
    } catch (Exception e) {
      orgJson = Optional.of("<refused: " + e.getClass().getSimpleName() + ">");
    }
    return Map.of("jackson", jackson, "gson", gson, "org.json", orgJson);
  }

  @Test
  void abuseProtection_genuine_grantsTheOrigin_forgedNever() throws Exception {
    WebhookRequest genuine =
        WebhookRequest.builder()
            .method("OPTIONS")
            .header(AzureEventGrid.REQUEST_ORIGIN_HEADER, "eventgrid.azure.net")
            .header("Authorization", "Bearer " + SECRET)
            .build();
    assertThat(AzureEventGrid.abuseProtectionResponse(verifier, genuine).orElseThrow())
        .containsEntry("WebHook-Allowed-Origin", "eventgrid.azure.net")
        .containsEntry("WebHook-Allowed-Rate", "*")
        .containsEntry("Allow", "POST");
    WebhookRequest forged =
        WebhookRequest.builder()
            .method("OPTIONS")
            .header(AzureEventGrid.REQUEST_ORIGIN_HEADER, "eventgrid.azure.net")
            .header("Authorization", "Bearer nope")
            .build();
    assertThatThrownBy(() -> AzureEventGrid.abuseProtectionResponse(verifier, forged))
        .isInstanceOf(WebhookVerificationException.class);
    for (String origin : new String[] {"", "evil.example\r\nX: 1", "a b", "*", "x".repeat(254)}) {
      WebhookRequest bad =
          WebhookRequest.builder()
              .method("OPTIONS")
              .header(AzureEventGrid.REQUEST_ORIGIN_HEADER, origin)
              .header("Authorization", "Bearer " + SECRET)
              .build();
      assertThat(AzureEventGrid.abuseProtectionResponse(verifier, bad)).as(origin).isEmpty();
    }
    WebhookRequest post =
        WebhookRequest.builder()
            .header(AzureEventGrid.REQUEST_ORIGIN_HEADER, "eventgrid.azure.net")
            .header("Authorization", "Bearer " + SECRET)
            .build();
    assertThat(AzureEventGrid.abuseProtectionResponse(verifier, post)).isEmpty();
  }

  @Test
  void queryParameterSecret_verifiedAndNeverLogged() throws Exception {
    List<String> logged = new ArrayList<>();
    WebhookVerifier query =
        AzureEventGrid.queryParameterBuilder("code", KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
            .listener(
                (VerificationEvent event) -> {
                  logged.add(event.toString());
                  logged.add(event.path());
                })
            .build();
    String base = "https://receiver.example/eg/events";
    byte[] body = utf8("[{\"id\":\"e1\"}]");
    WebhookRequest genuine =
        WebhookRequest.builder().uri(base + "?a=1&code=" + SECRET).body(body).build();
    assertThat(query.verify(genuine).proof()).isEqualTo(Proof.SHARED_TOKEN);
    assertThat(
            reasonOf(
                query,
                WebhookRequest.builder().uri(base + "?code=wrong" + SECRET).body(body).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                query,
                WebhookRequest.builder()
                    .uri(base + "?code=" + SECRET + "&code=" + SECRET)
                    .body(body)
                    .build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(
            reasonOf(
                query, WebhookRequest.builder().uri(base + "?c%6Fde=" + SECRET).body(body).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(query, WebhookRequest.builder().uri(base).body(body).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    // The token never appears in what the listener sees, the request's text or a rejection.
    try {
      query.verify(WebhookRequest.builder().uri(base + "?code=" + SECRET + "x").body(body).build());
    } catch (WebhookVerificationException e) {
      logged.add(e.getMessage());
    }
    logged.add(genuine.toString());
    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(SECRET));
    assertThat(logged).contains("/eg/events");
  }

  @Test
  void queryParameterName_checkedAtConfiguration() {
    for (String bad : new String[] {"", "a b", "a&b", "a=b", "%63ode"}) {
      assertThatThrownBy(
              () ->
                  AzureEventGrid.queryParameterBuilder(bad, KeyRing.of(WebhookSecret.ofUtf8("s"))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void headerSecret_wholeValue() throws Exception {
    WebhookVerifier header =
        AzureEventGrid.headerBuilder("X-EG-Secret", KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
            .build();
    assertThat(
            header.verify(WebhookRequest.builder().header("x-eg-secret", SECRET).build()).proof())
        .isEqualTo(Proof.SHARED_TOKEN);
    assertThat(
            reasonOf(
                header, WebhookRequest.builder().header("X-EG-Secret", "Bearer " + SECRET).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
