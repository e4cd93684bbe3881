package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.bot.parser.LineSignatureValidator;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.models.webhooks.WebhookVerificationParams;
import com.openai.services.blocking.WebhookServiceImpl;
import com.plivo.api.util.Utils;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The second wave's communication and AI senders' official SDKs as oracles (test scope): plivo-java
 * and line-bot-parser in both directions, openai-java's verifier over what we sign. Random bodies
 * (empty, non-ASCII, CRLF, 64 KiB), secrets and timestamps, as {@link OfficialSdkOracleTest} does;
 * failures are collected and asserted once, with the seed. com.telnyx.sdk:telnyx did not resolve
 * from Maven Central, so Telnyx has no SDK oracle.
 */
class CommsSdkOracleTest {
  private static final int ROUNDS = 40;
  private final RandomInputs random = new RandomInputs();
  private final List<String> failures = new ArrayList<>();

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what + " (seed " + RandomInputs.SEED + ")");
    }
  }

  @Test
  void lineBotParser_signsWhatWeVerifyAndVerifiesWhatWeSign() {
    for (int i = 0; i < ROUNDS; i++) {
      String secret = random.secret();
      byte[] body = utf8(random.body(i));
      LineSignatureValidator theirs = new LineSignatureValidator(utf8(secret));
      WebhookVerifier ours = Line.verifier(WebhookSecret.ofUtf8(secret));

      String theirSignature = Base64.getEncoder().encodeToString(theirs.generateSignature(body));
      check(
          reasonOf(ours, request(Map.of("X-Line-Signature", theirSignature), body)) == null,
          "line-bot-parser signed, we rejected, round " + i);

      String ourSignature =
          Line.sign(WebhookSecret.ofUtf8(secret), body).get(Line.SIGNATURE_HEADER);
      check(theirs.validateSignature(body, ourSignature), "we signed, line-bot-parser rejected");
      byte[] tampered = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(UTF8);
      check(
          reasonOf(ours, request(Map.of("X-Line-Signature", ourSignature), tampered)) != null,
          "we accepted a tampered LINE body");
    }
    assertThat(failures).isEmpty();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /**
   * plivo-java's V3 and V2 both ways, on what plivo-java and plivo-python agree on: POST callbacks
   * with form parameters, to a URL with neither a query nor an escape (plivo-java URL-decodes the
   * whole URL and drops the port; plivo-python does neither; see {@link Plivo}).
   */
  @Test
  @SuppressWarnings("unchecked") // plivo-java's validateSignatureV3 takes Map<String, String>...
  void plivoJava_signsWhatWeVerifyAndVerifiesWhatWeSign() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      String token = random.secret();
      String url = "https://example.com/plivo/" + (i % 2 == 0 ? "answer" : "");
      String nonce = Long.toString(10_000_000_000L + random.nextInt(1_000_000_000));
      Map<String, String> params = new TreeMap<>();
      params.put("CallUUID", "uuid-" + random.nextInt(1_000_000));
      params.put("From", "+1415555" + random.nextInt(10_000));
      params.put("Text", random.body(i));
      if (i % 3 == 0) {
        params.put("Event", "StartApp");
      }
      byte[] form = formOf(params);
      WebhookSecret secret = WebhookSecret.ofUtf8(token);
      WebhookVerifier ours = Plivo.verifier(secret);

      String theirs = Utils.computeSignatureV3(url, nonce, token, "POST", params);
      check(
          reasonOf(
                  ours,
                  post(
                      url, Map.of(Plivo.SIGNATURE_HEADER, theirs, Plivo.NONCE_HEADER, nonce), form))
              == null,
          "plivo-java signed V3, we rejected, round " + i);

      String signature =
          Plivo.sign(secret, "POST", url, "application/x-www-form-urlencoded", form, nonce)
              .get(Plivo.SIGNATURE_HEADER);
      check(
          Utils.validateSignatureV3(url, nonce, "x," + signature, token, "POST", params),
          "we signed V3, plivo-java rejected, round " + i);
      params.put("From", params.get("From") + "0");
      check(
          !Utils.validateSignatureV3(url, nonce, signature, token, "POST", params),
          "plivo-java accepted changed parameters: the oracle proves nothing");

      String v2 = Utils.computeSignature(url, nonce, token);
      WebhookVerifier legacy = Plivo.builderAcceptingLegacyV2(KeyRing.of(secret)).build();
      check(
          reasonOf(
                  legacy,
                  post(
                      url,
                      Map.of(Plivo.V2_SIGNATURE_HEADER, v2, Plivo.V2_NONCE_HEADER, nonce),
                      form))
              == null,
          "plivo-java signed V2, we rejected, round " + i);
      check(
          Utils.validateSignature(
              url, nonce, Plivo.signV2(secret, url, nonce).get(Plivo.V2_SIGNATURE_HEADER), token),
          "we signed V2, plivo-java rejected, round " + i);
    }
    assertThat(failures).isEmpty();
  }

  private static byte[] formOf(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (name, value) ->
            out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return utf8(out.toString());
  }

  private static WebhookRequest post(String url, Map<String, String> headers, byte[] form) {
    WebhookRequest.Builder builder =
        WebhookRequest.builder()
            .method("POST")
            .uri(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form);
    headers.forEach(builder::header);
    return builder.build();
  }

  /**
   * openai-java's verifier ({@code WebhookVerification.kt}, the code behind {@code
   * client.webhooks().unwrap}) over what we sign; openai-java signs nothing, so the other direction
   * is the official vector, checked by both (openai-node's test values).
   */
  @Test
  void openaiJava_verifiesWhatWeSignAndTheOfficialVector() {
    for (int i = 0; i < ROUNDS; i++) {
      String whsec =
          "whsec_" + Base64.getEncoder().encodeToString(random.bytes(24 + random.nextInt(16)));
      String body = random.body(i);
      long now = 1_750_000_000L + random.nextInt(100_000_000);
      long ts = now - 290 + random.nextInt(580);
      String id = "wh_" + random.nextInt(1_000_000);
      Map<String, String> headers =
          Providers.byName(OpenAI.NAME)
              .sender()
              .sign(
                  whsec,
                  dev.hookverify.providers.signing.OutgoingWebhook.builder(utf8(body))
                      .id(id)
                      .timestamp(ts)
                      .build())
              .headers();
      check(
          openaiAccepts(whsec, now, body, headers), "we signed, openai-java rejected, round " + i);
      check(
          !openaiAccepts(whsec, now, body + " ", headers),
          "openai-java accepted a tampered body: the oracle proves nothing");
    }
    String officialBody =
        "{\"id\": \"evt_685c059ae3a481909bdc86819b066fb6\", \"object\": \"event\", \"created_at\":"
            + " 1750861210, \"type\": \"response.completed\", \"data\": {\"id\": \"resp_123\"}}";
    check(
        openaiAccepts(
            "whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c=",
            1750861210L,
            officialBody,
            Map.of(
                "webhook-id", "wh_685c059ae39c8190af8c71ed1022a24d",
                "webhook-timestamp", "1750861210",
                "webhook-signature", "v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY=")),
        "openai-java rejected openai-node's official vector");
    assertThat(failures).isEmpty();
  }

  private static boolean openaiAccepts(
      String whsec, long now, String body, Map<String, String> headers) {
    ClientOptions options =
        ClientOptions.builder()
            .httpClient(NO_HTTP)
            .apiKey("sk-test")
            // The project pins Jackson 2.18.1, which openai-java refuses for a databind bug
            // (jackson-databind#4639) in reading models; its signature check reads no JSON.
            .checkJacksonVersionCompatibility(false)
            .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
            .build();
    Headers.Builder theirs = Headers.builder();
    new LinkedHashMap<>(headers).forEach(theirs::put);
    try {
      new WebhookServiceImpl(options)
          .verifySignature(
              WebhookVerificationParams.builder()
                  .payload(body)
                  .headers(theirs.build())
                  .secret(whsec)
                  .tolerance(Duration.ofSeconds(300))
                  .build());
      return true;
    } catch (RuntimeException rejected) {
      return false;
    }
  }

  /** The client options need an HTTP client; verification never calls it. */
  private static final HttpClient NO_HTTP =
      new HttpClient() {
        @Override
        public HttpResponse execute(HttpRequest request, RequestOptions options) {
          throw new UnsupportedOperationException("no HTTP in an oracle test");
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(
            HttpRequest request, RequestOptions options) {
          throw new UnsupportedOperationException("no HTTP in an oracle test");
        }

        @Override
        public void close() {}
      };
}
