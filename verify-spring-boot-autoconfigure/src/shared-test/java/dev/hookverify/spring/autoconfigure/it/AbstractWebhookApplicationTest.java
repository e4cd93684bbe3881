package dev.hookverify.spring.autoconfigure.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.micrometer.MeteredIdempotencyStore;
import dev.hookverify.micrometer.MicrometerVerificationListener;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real application on a real server, driven by the JDK's HTTP client over loopback: what
 * MockMvc cannot show (the container's body and form handling, filter order, the claim settled by
 * the handler's outcome). Subclasses choose the server, the store and extra configuration; the
 * class uses only APIs that Spring Boot 3.5 and 4.x share, so the same tests run on each line: in
 * this module on Boot 3.5, in the verify-spring-boot-compat modules on 4.0 and 4.1, always against
 * the one auto-configuration jar. Each module's surefire configuration names the Boot and server
 * versions it means to run ({@code hookverify.expected.*}), and the tests check that they do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractWebhookApplicationTest {
  protected static final String STRIPE_SECRET = "whsec_application-test-secret";
  protected static final String TWILIO_TOKEN = "twilio-application-auth-token";
  protected static final String TWILIO_PUBLIC_URL = "https://api.example.com/webhooks/twilio";
  protected static final int MAX_BODY_BYTES = 64 * 1024;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  protected ConfigurableApplicationContext context;
  protected URI base;
  protected final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The application's configuration classes: {@link WebhookApplication} and the server's. */
  protected abstract Class<?>[] sources();

  /** Properties besides the endpoints': the store's infrastructure, say. */
  protected abstract Map<String, Object> properties();

  /** A fragment of the web server's class name, such as {@code Tomcat}. */
  protected abstract String server();

  /** The store tag the idempotency meters carry: {@code jdbc}, {@code redis}. */
  protected abstract String store();

  /** The server library's version, as the server reports it. */
  protected abstract String serverVersion();

  @BeforeAll
  void start() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put("hookverify.endpoints.stripe.provider", "stripe");
    properties.put("hookverify.endpoints.stripe.path", "/webhooks/stripe");
    properties.put("hookverify.endpoints.stripe.secrets[0]", STRIPE_SECRET);
    properties.put("hookverify.endpoints.stripe.max-body-size", MAX_BODY_BYTES + "B");
    properties.put("hookverify.endpoints.twilio.provider", "twilio");
    properties.put("hookverify.endpoints.twilio.path", "/webhooks/twilio");
    properties.put("hookverify.endpoints.twilio.secrets[0]", TWILIO_TOKEN);
    properties.put("hookverify.endpoints.twilio.public-url", TWILIO_PUBLIC_URL);
    properties.put("hookverify.idempotency.lease", "30s");
    properties.putAll(properties());
    context = new SpringApplicationBuilder(sources()).properties(properties).run();
    base =
        URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void springBoot_isTheVersionThisModuleTargets() {
    assertThat(SpringBootVersion.getVersion()).isEqualTo(expected("spring-boot"));
  }

  @Test
  void server_isTheOneThisApplicationChose_atTheVersionThisModuleTargets() throws Exception {
    Object webServer = context.getClass().getMethod("getWebServer").invoke(context);
    assertThat(webServer.getClass().getName()).contains(server());
    // Tomcat reports 11.0.22.0 for 11.0.22.
    assertThat(serverVersion())
        .matches(Pattern.quote(expected(server().toLowerCase(Locale.ROOT))) + "(\\.0)?");
  }

  /** A version the module's build says the application must run, {@code hookverify.expected.*}. */
  private static String expected(String name) {
    String value = System.getProperty("hookverify.expected." + name);
    assertThat(value)
        .as(
            "system property hookverify.expected.%s, set by the module's surefire configuration",
            name)
        .isNotBlank();
    return value;
  }

  @Test
  void genuine_reachesTheHandler_withTheVerifiedBytesBoundAsRequestBody() throws Exception {
    String id = newId();
    HttpResponse<String> response = post("/webhooks/stripe", stripe(id, ""));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Delivery-Id")).contains(id);
    assertThat(response.headers().firstValue("X-Exact-Bytes")).contains("true");
    assertThat(handled().count(id)).isEqualTo(1);
  }

  @Test
  void tampered_isRejected401_andNeverReachesTheHandler() throws Exception {
    String id = newId();
    SignedDelivery genuine = stripe(id, "");
    byte[] tampered =
        new String(genuine.body(), UTF_8).replace("invoice", "1nvoice").getBytes(UTF_8);

    assertThat(post("/webhooks/stripe", genuine.headers(), tampered).statusCode()).isEqualTo(401);
    assertThat(handled().count(id)).isZero();
  }

  @Test
  void trailingSlash_isVerifiedToo_shouldTheApplicationRouteIt() throws Exception {
    byte[] body = "{\"id\":\"evt_slash\"}".getBytes(UTF_8);
    // Unsigned: the filter answers (not Security, not a 404), whatever the handler mapping does.
    HttpResponse<String> response = post("/webhooks/stripe/", Map.of(), body);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void stale_isRejected401() throws Exception {
    String id = newId();
    long anHourAgo = System.currentTimeMillis() / 1000 - 3600;
    HttpResponse<String> response = post("/webhooks/stripe", stripe(id, "", anHourAgo));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(handled().count(id)).isZero();
  }

  @Test
  void oversized_isRejected413_beforeTheHandler_andBeforeItsBodyIsSent() throws Exception {
    String id = newId();
    String padding = "x".repeat(MAX_BODY_BYTES);
    SignedDelivery oversized = stripe(id, ",\"padding\":\"" + padding + "\"");

    // Only the head goes out: the declared length alone must be enough for a 413. A client that
    // also sent the body could have its unread bytes reset the connection under the answer (both
    // Jetty and Tomcat close after a 413), which made this test fail now and then.
    assertThat(statusOfHeadOnly("/webhooks/stripe", oversized)).isEqualTo(413);
    assertThat(handled().count(id)).isZero();
  }

  /**
   * Sends a delivery's request line and headers with its Content-Length and {@code Expect:
   * 100-continue}, never its body, and returns the final status (skipping a 100 the container may
   * send at once).
   */
  private int statusOfHeadOnly(String path, SignedDelivery delivery) throws IOException {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
    head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
    head.append("Content-Length: ").append(delivery.body().length).append("\r\n");
    head.append("Expect: 100-continue\r\nConnection: close\r\n");
    delivery
        .headers()
        .forEach(
            (name, value) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                head.append(name).append(": ").append(value).append("\r\n");
              }
            });
    head.append("\r\n");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      while (true) {
        String statusLine = reader.readLine();
        assertThat(statusLine).as("a status line before the connection closed").isNotNull();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        if (status >= 200) {
          return status;
        }
        String header;
        do {
          header = reader.readLine(); // the interim response's headers, if any
        } while (header != null && !header.isEmpty());
      }
    }
  }

  @Test
  void duplicate_sentConcurrently_isHandledExactlyOnce_andALaterRetryIs200() throws Exception {
    String id = newId();
    SignedDelivery delivery = stripe(id, ",\"mode\":\"slow\"");
    int senders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Callable<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        sends.add(() -> post("/webhooks/stripe", delivery).statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(sends)) {
        statuses.add(status.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(handled().count(id)).isEqualTo(1);
    assertThat(statuses).containsOnly(200, 409).contains(409);
    HttpResponse<String> retry = post("/webhooks/stripe", delivery);
    assertThat(retry.statusCode()).isEqualTo(200); // a duplicate: acknowledged, not handled
    assertThat(retry.headers().firstValue("X-Delivery-Id")).isEmpty();
    assertThat(handled().count(id)).isEqualTo(1);
  }

  @Test
  void handlerThatThrows_releasesTheClaim_soTheSendersRetryIsHandled() throws Exception {
    String id = newId();
    SignedDelivery delivery = stripe(id, ",\"mode\":\"fail\"");

    assertThat(post("/webhooks/stripe", delivery).statusCode()).isEqualTo(500);
    assertThat(post("/webhooks/stripe", delivery).statusCode()).isEqualTo(500);
    assertThat(handled().count(id)).isEqualTo(2);
  }

  @Test
  void twilioForm_isVerifiedAgainstThePublicUrl_andRequestParamReadsIt() throws Exception {
    String text = "hello " + newId();
    SignedDelivery delivery = twilio(text, TWILIO_PUBLIC_URL);

    HttpResponse<String> response = post("/webhooks/twilio", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("twilio|" + text + "|+15550001111");
    assertThat(handled().count("twilio:" + text)).isEqualTo(1);
  }

  @Test
  void twilioForm_modelAttributeBindsNoUnsignedHeader() throws Exception {
    // Since Spring Framework 6.2 @ModelAttribute also binds request headers to fields the form
    // lacks ("Media-Url0" to mediaUrl0); Twilio signs none of them, so a replay could add them.
    String text = "media " + newId();
    SignedDelivery delivery = twilio(text, TWILIO_PUBLIC_URL);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(delivery.headers());
    headers.put("X-Test-Binding", "model");
    headers.put("Media-Url0", "https://evil.example.com/x.png");

    HttpResponse<String> response = post("/webhooks/twilio", headers, delivery.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(text + "|mediaUrl0=null");
  }

  @Test
  void twilioForm_signedForAnotherUrl_isRejected() throws Exception {
    String text = "forged " + newId();
    SignedDelivery delivery = twilio(text, "https://evil.example.com/webhooks/twilio");

    assertThat(post("/webhooks/twilio", delivery).statusCode()).isEqualTo(401);
    assertThat(handled().count("twilio:" + text)).isZero();
  }

  @Test
  void metrics_areInTheApplicationsMeterRegistry() throws Exception {
    post("/webhooks/stripe", stripe(newId(), ""));
    MeterRegistry registry = context.getBean(MeterRegistry.class);

    assertThat(
            registry
                .get(MicrometerVerificationListener.METER_NAME)
                .tag("endpoint", "stripe")
                .timers())
        .extracting(Timer::count)
        .anySatisfy(count -> assertThat(count).isPositive());
    assertThat(
            registry
                .get(MeteredIdempotencyStore.METER_NAME)
                .tag("store", store())
                .tag("operation", "claim")
                .timers())
        .extracting(Timer::count)
        .anySatisfy(count -> assertThat(count).isPositive());
  }

  @Test
  void unrelatedEndpoint_isUntouched() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/hello")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
  }

  protected WebhookApplication.Handled handled() {
    return context.getBean(WebhookApplication.Handled.class);
  }

  protected static String newId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A Stripe event {@code id}, with {@code extra} JSON members, pretty-printed as Stripe's are. */
  protected static SignedDelivery stripe(String id, String extra) {
    return stripe(id, extra, System.currentTimeMillis() / 1000);
  }

  protected static SignedDelivery stripe(String id, String extra, long timestamp) {
    String json = "{\n  \"id\": \"" + id + "\",\n  \"type\": \"invoice.paid\"" + extra + "\n}\n";
    return Providers.byName("stripe")
        .sender()
        .sign(
            STRIPE_SECRET,
            OutgoingWebhook.builder(json.getBytes(UTF_8)).timestamp(timestamp).build());
  }

  /** A Twilio SMS form, signed for {@code url}. */
  protected static SignedDelivery twilio(String text, String url) {
    String form =
        "MessageSid=SM"
            + UUID.randomUUID().toString().replace("-", "")
            + "&From=%2B15550001111&To=%2B15550002222&Body="
            + java.net.URLEncoder.encode(text, UTF_8);
    return Providers.byName("twilio")
        .sender()
        .sign(
            TWILIO_TOKEN,
            OutgoingWebhook.builder(form.getBytes(UTF_8))
                .url(url)
                .contentType("application/x-www-form-urlencoded")
                .build());
  }

  protected HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
    return post(path, delivery.headers(), delivery.body());
  }

  protected HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
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
}
