package dev.hookverify.spring.autoconfigure.reactive;

import static dev.hookverify.spring.autoconfigure.reactive.WebhookApplication.GITHUB_SECRET;
import static dev.hookverify.spring.autoconfigure.reactive.WebhookApplication.SLACK_SECRET;
import static dev.hookverify.spring.autoconfigure.reactive.WebhookApplication.SMALL_LIMIT;
import static dev.hookverify.spring.autoconfigure.reactive.WebhookApplication.STRIPE_SECRET;
import static dev.hookverify.spring.autoconfigure.reactive.WebhookApplication.TWILIO_TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The filter's contract on a real WebFlux application ({@link WebhookApplication}), with the JDK's
 * HTTP client on loopback: what reaches the handler, what it reads, how claims settle, how
 * rejections look, and that no Netty buffer leaks. Every sender is a real one from the registry,
 * signing through the signing kit. Subclasses start the application on one Spring Boot line, so the
 * same contract runs on Boot 3.5 and 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class WebhookWebFilterContract {
  static {
    LeakWatch.install(); // before the server allocates its first buffer
  }

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private ConfigurableApplicationContext application;
  private Deliveries deliveries;
  private URI base;

  /** Starts {@link WebhookApplication} on a random port (property {@code server.port=0}). */
  abstract ConfigurableApplicationContext start(Class<?> application, String... properties);

  @BeforeAll
  void startApplication() {
    // Immediate shutdown: a graceful one waits for the client's idle keep-alive connections.
    application =
        start(
            WebhookApplication.class,
            "server.port=0",
            "server.shutdown=immediate",
            "spring.main.banner-mode=off",
            // The class path also holds Spring MVC, JDBC and Security for the servlet tests: this
            // application is reactive, wires its filters by hand, and needs neither of the others.
            "spring.main.web-application-type=reactive",
            "hookverify.enabled=false",
            "spring.autoconfigure.exclude="
                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.security.reactive."
                + "ReactiveSecurityAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.security.reactive."
                + "ReactiveUserDetailsServiceAutoConfiguration,"
                + "org.springframework.boot.actuate.autoconfigure.security.reactive."
                + "ReactiveManagementWebSecurityAutoConfiguration,"
                // Boot 4's names for the same (a name not on the class path is ignored).
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.web.reactive."
                + "ReactiveWebSecurityAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure."
                + "ReactiveUserDetailsServiceAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.actuate.web.reactive."
                + "ReactiveManagementWebSecurityAutoConfiguration");
    deliveries = application.getBean(Deliveries.class);
    base =
        URI.create(
            "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  void stopApplication() throws Exception {
    application.close();
    assertThat(LeakWatch.leaks()).as("Netty buffers leaked").isEmpty();
    assertThat(LeakWatch.canary()).as("the leak watch reports a deliberate leak").isTrue();
  }

  // Genuine, duplicate, forged.

  @Test
  void genuine_reachesTheHandlerOnceWithTheVerifiedBytes_andItsReplayIsABare200() throws Exception {
    String body = "{\"id\":1,\"note\":\"caf\u00e9\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(204);
    HttpResponse<String> replay = post("/github/hook", delivery);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).isEmpty();
    assertThat(replay.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(deliveries.count("github", body)).isEqualTo(1);
    assertThat(deliveries.mismatches).isEmpty();
  }

  @Test
  void requestBodyString_isExactlyTheSignedBytes() throws Exception {
    String body = "{\"id\":\"echo\",\"text\":\"\u00fcber \u2603\",\"spaces\":  [1, 2]}\n";

    HttpResponse<String> response = post("/small/hook", sign("github", GITHUB_SECRET, body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void tamperedUnsignedOrStale_isABare401ThatIsNotCached_andNeverReachesTheHandler()
      throws Exception {
    String body = "{\"id\":2}";
    SignedDelivery genuine = sign("github", GITHUB_SECRET, body);
    String tampered = "{\"id\":3}";
    String staleBody = "{\"id\":\"evt_stale\"}";

    List<HttpResponse<String>> responses =
        List.of(
            post("/github/hook", genuine.headers(), tampered.getBytes(UTF_8)),
            post("/github/hook", Map.of(), body.getBytes(UTF_8)),
            post("/stripe/hook", stale(staleBody)));

    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEmpty();
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
    assertThat(deliveries.count("github", tampered)).isZero();
    assertThat(deliveries.count("github", body)).isZero();
    assertThat(deliveries.count("stripe", staleBody)).isZero();
  }

  @Test
  void revealingReason_namesTheFailedCheck_andAFreshStripeDeliveryPasses() throws Exception {
    String body = "{\"id\":\"evt_debug\"}";

    HttpResponse<String> stale = post("/stripe-debug/hook", stale(body));

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).isEqualTo(Reason.TIMESTAMP_TOO_OLD.name());
    assertThat(post("/stripe-debug/hook", sign("stripe", STRIPE_SECRET, body)).statusCode())
        .isEqualTo(204);
  }

  @Test
  void listener_seesThePeerAndThePathButNotTheQuery() throws Exception {
    String body = "{\"id\":4}";
    int before = deliveries.events.size();

    post("/github/hook?token=query-secret", sign("github", GITHUB_SECRET, body));

    assertThat(deliveries.events).hasSize(before + 1);
    VerificationEvent event = deliveries.events.get(before);
    assertThat(event.isAccepted()).isTrue();
    assertThat(event.remoteAddress()).contains("127.0.0.1");
    assertThat(event.path()).isEqualTo("/github/hook");
  }

  @Test
  void verificationAndTheStore_runOffTheEventLoop() throws Exception {
    String body = "{\"id\":5}";
    deliveries.verifierThreads.clear();

    assertThat(post("/github/hook", sign("github", GITHUB_SECRET, body)).statusCode())
        .isEqualTo(204);

    assertThat(deliveries.verifierThreads)
        .anyMatch(t -> t.startsWith("claim "))
        .anyMatch(t -> t.startsWith("complete "))
        .allMatch(t -> t.contains("boundedElastic"));
  }

  // Body limits.

  @Test
  void oversizedContentLength_is413WithoutReadingTheBody() throws Exception {
    // Declares 10 MB and sends 16 bytes: if the filter read the body it would wait for the rest.
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /small/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 10000000\r\n\r\n{\"id\":\"partial\"")
              .getBytes(UTF_8));
      out.flush();
      assertThat(readLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
    assertThat(deliveries.handled.keySet()).noneMatch(key -> key.contains("partial"));
  }

  @Test
  void oversizedChunked_is413_andTheHandlerIsNotCalled() throws Exception {
    byte[] body = new byte[4 * SMALL_LIMIT];
    Arrays.fill(body, (byte) 'a');
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/small/hook"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(deliveries.handled.keySet()).noneMatch(key -> key.startsWith("small aaaa"));
  }

  @Test
  void bodyAtTheLimit_isVerifiedAndReplayedWhole() throws Exception {
    String body = "{\"p\":\"" + "x".repeat(SMALL_LIMIT - 20) + "\"}";
    body = body + " ".repeat(SMALL_LIMIT - body.length());

    HttpResponse<String> response = post("/small/hook", sign("github", GITHUB_SECRET, body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void unrelatedEndpoints_areLeftToWebFlux_evenBeyondTheWebhookLimit() throws Exception {
    byte[] large = new byte[2 * 1024 * 1024];

    HttpResponse<String> upload =
        post("/unrelated", Map.of("Content-Type", "application/octet-stream"), large);
    HttpResponse<String> formPost =
        post("/form", Map.of("Content-Type", FORM), form("a", "1", "b", "two").getBytes(UTF_8));

    assertThat(upload.statusCode()).isEqualTo(200);
    assertThat(upload.body()).isEqualTo("bytes=" + large.length + ";verified=false");
    assertThat(formPost.body()).isEqualTo("a=1;b=two;verified=false");
  }

  // Forms: the handler reads parameters from the verified bytes.

  @Test
  void twilioForm_getFormDataReadsTheVerifiedForm() throws Exception {
    String url = base.resolve("/twilio/sms?tenant=acme").toString();
    String form = form("From", "+15551234567", "Body", "Hello caf\u00e9\nsecond line", "To", "+1");
    SignedDelivery delivery = signForm(form, url);

    HttpResponse<String> response = post("/twilio/sms?tenant=acme", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("Body=Hello caf\u00e9\nsecond line;From=+15551234567;tenant=acme;verified=true");
    assertThat(post("/twilio/sms?tenant=acme", delivery).statusCode()).isEqualTo(200); // replay
    assertThat(deliveries.count("sms", form)).isEqualTo(1);
  }

  @Test
  void twilioForm_modelAttributeBindsTheVerifiedForm() throws Exception {
    String form = form("MessageSid", "SM123", "MessageStatus", "delivered");
    SignedDelivery delivery = signForm(form, base.resolve("/twilio/status").toString());

    HttpResponse<String> response = post("/twilio/status", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("MessageSid=SM123;MessageStatus=delivered");
  }

  @Test
  void bodySignedForm_aReplayCannotSetTheFormsParametersThroughTheQuery() throws Exception {
    // Slack signs the body, not the URL: whatever a replay adds to the query is unsigned. In
    // WebFlux @RequestParam reads only the query, and @ModelAttribute binds the query's parameters
    // beside the form's, so a body relabelled as not a form leaves only the query's.
    String form = form("command", "/weather", "text", "today", "user_id", "U123");
    SignedDelivery delivery = signSlack(form);
    String query = "?command=%2Fdeploy&text=prod";
    Map<String, String> notAForm = with(delivery.headers(), "Content-Type", "text/plain");
    Map<String, String> otherCharset =
        with(delivery.headers(), "Content-Type", FORM + "; charset=UTF-16");

    assertThat(post("/slack/model" + query, delivery).body())
        .isEqualTo("command=/weather;text=today;userName=null;verified=true");
    assertThat(post("/slack/form" + query, delivery).body())
        .isEqualTo("command=/weather;text=today;query={}");
    assertThat(post("/slack/param" + query, delivery).body())
        .isEqualTo("command=null;text=null;verified=true");
    for (String path : List.of("/slack/model", "/slack/param", "/slack/form")) {
      for (Map<String, String> headers : List.of(notAForm, otherCharset)) {
        HttpResponse<String> response = post(path + query, headers, delivery.body());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).doesNotContain("/deploy").doesNotContain("prod");
      }
    }
  }

  @Test
  void bodySignedForm_modelAttributeBindsNoUnsignedHeader() throws Exception {
    // Since Spring Framework 6.2 @ModelAttribute also binds request headers to fields the form
    // lacks ("User-Name" to userName); no sender signs such headers, so a replay could add them.
    String form = form("command", "/weather", "text", "today");
    SignedDelivery delivery = signSlack(form);

    HttpResponse<String> response =
        post("/slack/model", with(delivery.headers(), "User-Name", "admin"), delivery.body());

    assertThat(response.body())
        .isEqualTo("command=/weather;text=today;userName=null;verified=true");
  }

  // The signed URL behind a proxy.

  @Test
  void publicBaseUrl_rebuildsTheUrlTheSenderSigned() throws Exception {
    String form = form("Body", "via proxy");
    SignedDelivery forPublic = signForm(form, "https://hooks.example.com/api/proxied/sms?x=1");
    SignedDelivery forLoopback = signForm(form, base.resolve("/proxied/sms?x=1").toString());

    assertThat(post("/proxied/sms?x=1", forPublic).body()).startsWith("Body=via proxy;");
    assertThat(post("/proxied/sms?x=1", forLoopback).statusCode()).isEqualTo(401);
  }

  @Test
  void forwardedHeaders_countOnlyWhereTrusted() throws Exception {
    String form = form("Body", "forwarded");
    SignedDelivery signed = signForm(form, "https://public.example.org/forwarded/sms");
    Map<String, String> xForwarded =
        with(
            signed.headers(),
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "public.example.org");
    Map<String, String> rfc7239 =
        with(signed.headers(), "Forwarded", "for=192.0.2.1;proto=https;host=public.example.org");

    assertThat(post("/forwarded/sms", xForwarded, signed.body()).statusCode()).isEqualTo(200);
    assertThat(post("/forwarded/sms", rfc7239, signed.body()).statusCode()).isEqualTo(200);
    assertThat(post("/forwarded/sms", signed).statusCode()).isEqualTo(401);
    // The same headers on an endpoint that does not trust them change nothing.
    SignedDelivery untrusted = signForm(form, "https://public.example.org/twilio/sms");
    Map<String, String> spoofed =
        with(
            untrusted.headers(),
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "public.example.org");
    assertThat(post("/twilio/sms", spoofed, untrusted.body()).statusCode()).isEqualTo(401);
  }

  // How claims settle.

  @Test
  void handlerErrors_claimReleased_retryProcessed() throws Exception {
    String body = "{\"id\":10,\"mode\":\"throw\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(500);
    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(204);
    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(200);
    assertThat(deliveries.count("github", body)).isEqualTo(2);
  }

  @Test
  void handlerAnswers500_claimReleased_retryProcessed() throws Exception {
    String body = "{\"id\":11,\"mode\":\"fail500\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(500);
    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(204);
    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(200);
    assertThat(deliveries.count("github", body)).isEqualTo(2);
  }

  @Test
  void clientGoesAwayMidHandler_claimReleased_retryProcessed() throws Exception {
    String body = "{\"id\":12,\"mode\":\"hang\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      StringBuilder head = new StringBuilder("POST /github/hook HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
        head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      head.append("Content-Length: ").append(delivery.body().length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(UTF_8));
      out.write(delivery.body());
      out.flush();
      waitUntil(() -> deliveries.count("github", body) == 1);
    } // the sender gives up: the connection closes while the handler hangs

    int status = 409;
    for (int attempt = 0; attempt < 100 && status == 409; attempt++) {
      status = post("/github/hook", delivery).statusCode();
      if (status == 409) {
        Thread.sleep(20);
      }
    }
    assertThat(status).isEqualTo(204);
    assertThat(deliveries.count("github", body)).isEqualTo(2);
  }

  @Test
  void concurrentDuplicates_areProcessedExactlyOnce() throws Exception {
    int senders = 8;
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      bodies.add("{\"id\":\"concurrent-" + i + "\",\"mode\":\"slow\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        List<String> order = new ArrayList<>(bodies);
        Collections.shuffle(order, new Random(t));
        results.add(pool.submit(() -> deliverUntilSettled(order)));
      }
      for (Future<List<Integer>> result : results) {
        assertThat(result.get()).allMatch(status -> status == 204 || status == 200);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String body : bodies) {
      assertThat(deliveries.count("github", body)).as(body).isEqualTo(1);
    }
  }

  @Test
  void customRejectionHandler_answersInTheApplicationsFormat() throws Exception {
    HttpResponse<String> response =
        post("/voice/call", Map.of("Content-Type", FORM), form("CallSid", "CA1").getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<Response><Hangup/></Response>");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    assertThat(deliveries.count("voice")).isZero();
  }

  // Helpers.

  /** Sends each delivery, retrying a 409 (in progress) as a sender would; the final statuses. */
  private List<Integer> deliverUntilSettled(List<String> bodies) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (String body : bodies) {
      SignedDelivery delivery = sign("github", GITHUB_SECRET, body);
      int status = 409;
      for (int attempt = 0; attempt < 200 && status == 409; attempt++) {
        status = post("/github/hook", delivery).statusCode();
        if (status == 409) {
          Thread.sleep(10);
        }
      }
      statuses.add(status);
    }
    return statuses;
  }

  private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
    return post(path, delivery.headers(), delivery.body());
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (name, value) -> {
          if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            request.header(name, value);
          }
        });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static SignedDelivery sign(String provider, String secret, String body) {
    return Providers.byName(provider)
        .sender()
        .sign(secret, OutgoingWebhook.builder(body.getBytes(UTF_8)).build());
  }

  private static SignedDelivery stale(String body) {
    return Providers.byName("stripe")
        .sender()
        .sign(
            STRIPE_SECRET,
            OutgoingWebhook.builder(body.getBytes(UTF_8))
                .timestamp(Instant.now().minusSeconds(3_600).getEpochSecond())
                .build());
  }

  private static SignedDelivery signSlack(String form) {
    return Providers.byName("slack")
        .sender()
        .sign(
            SLACK_SECRET, OutgoingWebhook.builder(form.getBytes(UTF_8)).contentType(FORM).build());
  }

  private static SignedDelivery signForm(String form, String url) {
    return Providers.byName("twilio")
        .sender()
        .sign(
            TWILIO_TOKEN,
            OutgoingWebhook.builder(form.getBytes(UTF_8)).contentType(FORM).url(url).build());
  }

  private static String form(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(i == 0 ? "" : "&")
          .append(URLEncoder.encode(namesAndValues[i], UTF_8))
          .append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], UTF_8));
    }
    return out.toString();
  }

  private static Map<String, String> with(Map<String, String> headers, String... more) {
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(headers);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private static String readLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
