package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five senders that wrap a core authenticator (Mailgun, Adyen, Linear, Cloudonix, HubSpot's
 * legacy hash) answer a forged or malformed request with an {@link Attempt} value, never by
 * throwing (issue 9, change A). Each authenticator is taken from the verifier its public builder
 * makes and asked directly, so the test sees the value, not the exception {@link
 * WebhookVerifier#verify} creates from it once; {@code verify} must report the same reason. A
 * rejection with a fixed message is the same instance for two different forgeries: a constant, so
 * nothing (no exception, no new value) was built per request to say no.
 */
class AttemptValuesTest {
  private static final long NOW = 1_800_000_000L;
  private static final String FORGED_HEX = "00".repeat(32);
  private static final Path SOURCES = Path.of("src/main/java/dev/hookverify/providers");

  /** What {@code verifier}'s authenticator of class {@code nested} answers for {@code request}. */
  private static Attempt attempt(WebhookVerifier verifier, String nested, WebhookRequest request) {
    try {
      // Tests run on the class path, so the verifier's wiring can be read as built.
      Field authenticators = WebhookVerifier.class.getDeclaredField("authenticators");
      Field context = WebhookVerifier.class.getDeclaredField("context");
      authenticators.setAccessible(true);
      context.setAccessible(true);
      for (Object candidate : (List<?>) authenticators.get(verifier)) {
        if (candidate.getClass().getSimpleName().equals(nested)) {
          return ((Authenticator) candidate)
              .attempt(request, (AuthenticationContext) context.get(verifier));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("WebhookVerifier's fields moved", e);
    }
    throw new AssertionError("no " + nested + " in " + verifier);
  }

  /** The rejection {@code request} gets, checked as a value and as {@code verify} reports it. */
  private static Attempt rejected(
      WebhookVerifier verifier, String nested, WebhookRequest request, Reason reason) {
    Attempt attempt = attempt(verifier, nested, request);
    assertThat(attempt).isInstanceOf(Attempt.Rejected.class);
    assertThat(((Attempt.Rejected) attempt).reason()).isEqualTo(reason);
    assertThat(reasonOf(verifier, request)).isEqualTo(reason);
    return attempt;
  }

  /** As {@link #rejected}, for a request without this scheme's credential. */
  private static Attempt absent(WebhookVerifier verifier, String nested, WebhookRequest request) {
    Attempt attempt = attempt(verifier, nested, request);
    assertThat(attempt).isInstanceOf(Attempt.Absent.class);
    assertThat(reasonOf(verifier, request)).isEqualTo(Reason.MISSING_SIGNATURE);
    return attempt;
  }

  private static WebhookRequest body(String json) {
    return request(Map.of(), utf8(json));
  }

  @Test
  void mailgun_forgedStaleOrUnsigned_answersConstantValues() {
    WebhookVerifier verifier =
        Mailgun.builder(KeyRing.of(WebhookSecret.ofUtf8("mg-key")), Duration.ofMinutes(5))
            .clock(at(NOW))
            .build();
    String nested = "BodySignature";
    assertThat(rejected(verifier, nested, mailgun(NOW, "tok-1"), Reason.SIGNATURE_MISMATCH))
        .isSameAs(attempt(verifier, nested, mailgun(NOW, "tok-2")));
    assertThat(rejected(verifier, nested, mailgun(NOW - 3600, "tok-1"), Reason.TIMESTAMP_TOO_OLD))
        .isSameAs(attempt(verifier, nested, mailgun(NOW - 7200, "tok-2")));
    rejected(verifier, nested, mailgun(NOW + 3600, "tok-1"), Reason.TIMESTAMP_IN_FUTURE);
    rejected(verifier, nested, body("{\"signature\":\"x\"}"), Reason.MALFORMED_SIGNATURE);
    rejected(
        verifier,
        nested,
        body("{\"signature\":{\"token\":\"t\",\"signature\":\"" + FORGED_HEX + "\"}}"),
        Reason.MISSING_TIMESTAMP);
    absent(verifier, nested, body("{\"event-data\":{}}"));
    absent(verifier, nested, body("not json"));
  }

  private static WebhookRequest mailgun(long timestamp, String token) {
    return body(
        "{\"signature\":{\"timestamp\":\""
            + timestamp
            + "\",\"token\":\""
            + token
            + "\",\"signature\":\""
            + FORGED_HEX
            + "\"},\"event-data\":{}}");
  }

  @Test
  void adyen_forgedOrUnsignedItems_answersConstantValues() {
    WebhookVerifier verifier =
        Adyen.builder(KeyRing.of(Adyen.secret("9064450A8892A093D9E97EFCC9639DE31B74F3A7"))).build();
    String nested = "ItemSignatures";
    String forged = "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"";
    assertThat(
            rejected(
                verifier, nested, adyen(adyenItem("psp_1", forged)), Reason.SIGNATURE_MISMATCH))
        .isSameAs(attempt(verifier, nested, adyen(adyenItem("psp_2", forged))));
    String twice = adyenItem("psp_1", forged);
    String otherTwice = adyenItem("psp_2", forged);
    assertThat(rejected(verifier, nested, adyen(twice, twice), Reason.MALFORMED_SIGNATURE))
        .isSameAs(attempt(verifier, nested, adyen(otherTwice, otherTwice)));
    rejected(verifier, nested, body("{\"notificationItems\":[null]}"), Reason.MALFORMED_SIGNATURE);
    absent(verifier, nested, adyen(adyenItem("psp_1", "null")));
    absent(verifier, nested, adyen());
    absent(verifier, nested, body("not json"));
  }

  private static String adyenItem(String psp, String signature) {
    return "{\"NotificationRequestItem\":{\"pspReference\":\""
        + psp
        + "\",\"merchantAccountCode\":\"Acct\",\"merchantReference\":\"r\","
        + "\"amount\":{\"value\":99999900,\"currency\":\"EUR\"},\"eventCode\":\"AUTHORISATION\","
        + "\"success\":\"true\",\"additionalData\":{\"hmacSignature\":"
        + signature
        + "}}}";
  }

  private static WebhookRequest adyen(String... items) {
    return body("{\"live\":\"false\",\"notificationItems\":[" + String.join(",", items) + "]}");
  }

  @Test
  void linear_forgedStaleOrWithoutTimestamp_answersConstantValues() {
    WebhookSecret secret = WebhookSecret.ofUtf8("lin-secret");
    WebhookVerifier verifier = Linear.builder(KeyRing.of(secret)).clock(at(NOW)).build();
    String nested = "FreshBody";
    String fresh = "{\"webhookTimestamp\":" + NOW * 1000 + "}";
    assertThat(rejected(verifier, nested, linearForged(fresh), Reason.SIGNATURE_MISMATCH))
        .isSameAs(attempt(verifier, nested, linearForged("{}")));
    assertThat(
            rejected(
                verifier,
                nested,
                linearSigned(secret, "{\"webhookTimestamp\":" + (NOW - 3600) * 1000 + "}"),
                Reason.TIMESTAMP_TOO_OLD))
        .isSameAs(
            attempt(
                verifier,
                nested,
                linearSigned(secret, "{\"webhookTimestamp\":" + (NOW - 7200) * 1000 + "}")));
    rejected(
        verifier,
        nested,
        linearSigned(secret, "{\"webhookTimestamp\":" + (NOW + 3600) * 1000 + "}"),
        Reason.TIMESTAMP_IN_FUTURE);
    rejected(verifier, nested, linearSigned(secret, "{}"), Reason.MISSING_TIMESTAMP);
    rejected(
        verifier,
        nested,
        linearSigned(secret, "{\"webhookTimestamp\":\"" + NOW * 1000 + "\"}"),
        Reason.MALFORMED_TIMESTAMP);
    absent(verifier, nested, body(fresh));
  }

  private static WebhookRequest linearForged(String json) {
    return request(Map.of(Linear.SIGNATURE_HEADER, FORGED_HEX), utf8(json));
  }

  private static WebhookRequest linearSigned(WebhookSecret secret, String json) {
    return request(Linear.sign(secret, utf8(json)), utf8(json));
  }

  @Test
  void cloudonix_unknownOrMissingDomainUuid_answersConstantValues() {
    WebhookVerifier verifier =
        Cloudonix.unsignedCdrsMatchedByDomainUuid(Map.of("uuid-a", "org-a")).build();
    String nested = "DomainUuidMatch";
    assertThat(rejected(verifier, nested, cdr("uuid-x"), Reason.UNKNOWN_TENANT))
        .isSameAs(attempt(verifier, nested, cdr("uuid-y")));
    assertThat(absent(verifier, nested, body("{}")))
        .isSameAs(attempt(verifier, nested, body("{\"owner\":{}}")));
  }

  private static WebhookRequest cdr(String domainUuid) {
    return body("{\"owner\":{\"domain\":{\"uuid\":\"" + domainUuid + "\"}}}");
  }

  @Test
  void hubSpotLegacy_forgedOrMalformedSignature_answersConstantValues() {
    String secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    WebhookVerifier verifier =
        HubSpot.builderAcceptingForgeableLegacySignatures(
                KeyRing.of(WebhookSecret.ofUtf8(secret)), secret)
            .build();
    String nested = "LegacyHash";
    assertThat(rejected(verifier, nested, legacy("v1", FORGED_HEX), Reason.SIGNATURE_MISMATCH))
        .isSameAs(attempt(verifier, nested, legacy("v2", "11".repeat(32))));
    // Not hex: HexFormat.parseHex would have thrown; the text is checked first.
    assertThat(rejected(verifier, nested, legacy("v1", "not-hex"), Reason.MALFORMED_SIGNATURE))
        .isSameAs(attempt(verifier, nested, legacy("v1", "abc")));
    rejected(verifier, nested, legacy("v9", FORGED_HEX), Reason.MALFORMED_SIGNATURE);
    absent(verifier, nested, body("{}"));
  }

  private static WebhookRequest legacy(String version, String signature) {
    return WebhookRequest.builder()
        .method("POST")
        .uri("https://www.example.com/webhook_uri")
        .header(HubSpot.LEGACY_VERSION_HEADER, version)
        .header(HubSpot.LEGACY_SIGNATURE_HEADER, signature)
        .body(utf8("{\"example_field\":\"example_value\"}"))
        .build();
  }

  @Test
  void box_wrongVersionOrAlgorithm_andEventGridQueryToken_answerConstantValues() {
    WebhookVerifier box =
        Box.builder(KeyRing.of(WebhookSecret.ofUtf8("box-key"))).clock(at(NOW)).build();
    String nested = "VersionChecked";
    Map<String, String> v2 = Map.of(Box.PRIMARY_SIGNATURE_HEADER, "AAAA", Box.VERSION_HEADER, "2");
    Map<String, String> v3 = Map.of(Box.PRIMARY_SIGNATURE_HEADER, "BBBB", Box.VERSION_HEADER, "3");
    assertThat(rejected(box, nested, request(v2, utf8("{}")), Reason.MALFORMED_SIGNATURE))
        .isSameAs(attempt(box, nested, request(v3, utf8("{}"))));
    Map<String, String> sha1 =
        Map.of(
            Box.SECONDARY_SIGNATURE_HEADER, "AAAA",
            Box.VERSION_HEADER, "1",
            Box.ALGORITHM_HEADER, "HmacSHA1");
    rejected(box, nested, request(sha1, utf8("{}")), Reason.MALFORMED_SIGNATURE);
    absent(box, nested, request(Map.of(Box.VERSION_HEADER, "2"), utf8("{}")));

    WebhookVerifier query =
        AzureEventGrid.queryParameterBuilder("code", KeyRing.of(WebhookSecret.ofUtf8("eg-token")))
            .build();
    String queryToken = "QueryToken";
    assertThat(
            absent(
                query,
                queryToken,
                dev.hookverify.WebhookRequest.builder().uri("https://r.example/eg").build()))
        .isSameAs(
            attempt(
                query,
                queryToken,
                dev.hookverify.WebhookRequest.builder().uri("https://r.example/eg?x=1").build()));
    rejected(
        query,
        queryToken,
        dev.hookverify.WebhookRequest.builder().uri("https://r.example/eg?code=guess").build(),
        Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void sources_fiveWrappingAuthenticators_createNoVerificationException() throws IOException {
    // The file, its authenticator class, and whether the whole file is checked (readers included)
    // or only the class: HubSpot's v3 content part throws, as SignedContent.Part's contract says.
    String[][] senders = {
      {"Mailgun.java", "BodySignature", "file"},
      {"Adyen.java", "ItemSignatures", "file"},
      {"Linear.java", "FreshBody", "file"},
      {"Cloudonix.java", "DomainUuidMatch", "file"},
      {"HubSpot.java", "LegacyHash", "class"},
      {"Box.java", "VersionChecked", "class"},
      {"AzureEventGrid.java", "QueryToken", "class"},
    };
    List<String> found = new ArrayList<>();
    for (String[] sender : senders) {
      String source = Files.readString(SOURCES.resolve(sender[0]));
      String authenticator = classBody(source, sender[1]);
      String checked = sender[2].equals("file") ? source : authenticator;
      for (String forbidden :
          List.of(
              "new WebhookVerificationException",
              "catch (WebhookVerificationException",
              "Proofs.")) {
        if (checked.contains(forbidden)) {
          found.add(sender[0] + ": " + forbidden);
        }
      }
    }
    assertThat(found).isEmpty();
    assertThat(SOURCES.resolve("Proofs.java")).doesNotExist();
  }

  /** The text of {@code class name implements Authenticator { ... }} in {@code source}. */
  private static String classBody(String source, String name) {
    int start = source.indexOf("class " + name + " implements Authenticator");
    assertThat(start).as("class %s", name).isNotNegative();
    int depth = 0;
    for (int i = source.indexOf('{', start); i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '"') {
        // A string literal may hold braces ("HubSpot.LegacyHash{redacted}").
        for (i++; source.charAt(i) != '"'; i++) {
          if (source.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return source.substring(start, i + 1);
      }
    }
    throw new AssertionError("class " + name + " does not end");
  }
}
