package dev.hookverify.jaxrs;

import static dev.hookverify.jaxrs.Senders.STRIPE_SECRET;
import static dev.hookverify.jaxrs.Senders.TWILIO_TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Twilio;
import dev.hookverify.testing.PostgresServer;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link HookverifyFeature} promises, on a real JAX-RS runtime serving on loopback (port 0)
 * and called with the JDK's HTTP client. One subclass per runtime starts it.
 *
 * <p>Endpoints: {@code stripe} claims in the JDBC store on a real PostgreSQL server; {@code outage}
 * claims in a store whose database is down; {@code twilio} claims form posts in memory; {@code
 * custom} verifies without claiming and has its own rejection handler. The body limit is {@value
 * #MAX_BODY} bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsContract {
  static final int MAX_BODY = 16 * 1024;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private WebhookResources resources;
  private Running server;

  /** A runtime serving an application, until closed. */
  interface Running extends AutoCloseable {
    /** The application's base URI, ending in {@code /}. */
    URI base();

    @Override
    void close();
  }

  /**
   * Starts the runtime on 127.0.0.1, port 0, serving {@code application}, with enough worker
   * threads for concurrent requests; throws if the deployment fails.
   */
  abstract Running start(Application application) throws Exception;

  /** The runtime's name: its table and delivery ids are its own. */
  abstract String runtime();

  /**
   * Whether the runtime injects {@code @Context ContainerRequestContext} into resource methods, a
   * Jersey extension the JAX-RS specification does not list.
   */
  abstract boolean injectsRequestContextIntoResources();

  /**
   * How long after the 500 of an exception no application mapper handles the claim may still be
   * held: zero where the runtime runs the response filters before it answers. A claim left to its
   * lease would be held for 5 minutes.
   */
  abstract Duration releaseAfterUnmappedException();

  @BeforeAll
  void startServer() throws Exception {
    DataSource postgres = PostgresServer.dataSource();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(postgres).table("hookverify_jaxrs_" + runtime()).build();
    try (Connection c = postgres.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS hookverify_jaxrs_" + runtime());
      s.execute(store.createTableSql());
    }
    WebhookVerifier stripe = Stripe.verifier(WebhookSecret.ofUtf8(STRIPE_SECRET));
    HookverifyFeature feature =
        HookverifyFeature.builder()
            .endpoint("stripe", IdempotentVerifier.builder(stripe, store).build())
            .endpoint(
                "outage",
                IdempotentVerifier.builder(
                        stripe, JdbcIdempotencyStore.builder(Unreachable.dataSource()).build())
                    .build())
            .endpoint(
                "twilio",
                IdempotentVerifier.builder(
                        Twilio.verifier(WebhookSecret.ofUtf8(TWILIO_TOKEN)),
                        new InMemoryIdempotencyStore(1_000))
                    .build())
            .endpoint("custom", stripe)
            .maxBodyBytes(MAX_BODY)
            .rejectionHandler(
                (request, endpoint, reason) ->
                    endpoint.equals("custom")
                        ? Response.status(reason.httpStatus())
                            .type(MediaType.TEXT_PLAIN_TYPE)
                            .entity("rejected: " + reason)
                            .build()
                        : RejectionHandler.standard().reject(request, endpoint, reason))
            .build();
    resources = new WebhookResources();
    server = start(new TestApplication(feature, resources));
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // --- Verification ---------------------------------------------------------------------------

  @Test
  void genuineDelivery_reachesTheResourceOnceAndItsDuplicateIsAcknowledged() throws Exception {
    String id = id("genuine");
    byte[] body = event(id, "");
    HttpResponse<String> first = post("hooks/stripe", body, Senders.stripe(body));
    assertThat(first.statusCode()).isEqualTo(204);
    HttpResponse<String> duplicate = post("hooks/stripe", body, Senders.stripe(body));
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(duplicate.body()).isEmpty();
    assertThat(duplicate.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(resources.deliveries.count(id)).isEqualTo(1);
  }

  @Test
  void signatureHeaderInLowerCase_isFound() throws Exception {
    String id = id("lower-case");
    byte[] body = event(id, "");
    HttpRequest request =
        HttpRequest.newBuilder(server.base().resolve("hooks/stripe"))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .header("stripe-signature", Senders.stripe(body))
            .POST(BodyPublishers.ofByteArray(body))
            .build();
    assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(204);
    assertThat(resources.deliveries.count(id)).isEqualTo(1);
  }

  @Test
  void bodyOfExactlyTheLimit_isVerifiedAndProcessed() throws Exception {
    String id = id("limit");
    byte[] body = padded(id, MAX_BODY);
    assertThat(body).hasSize(MAX_BODY);
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(204);
    assertThat(resources.deliveries.count(id)).isEqualTo(1);
  }

  @Test
  void tamperedBody_isRejectedWithABare401() throws Exception {
    String id = id("tampered");
    byte[] body = event(id, "");
    byte[] tampered = event(id, ",\"amount\":1000000");
    HttpResponse<String> response = post("hooks/stripe", tampered, Senders.stripe(body));
    assertRejected(response, 401);
    assertThat(resources.deliveries.count(id)).isZero();
  }

  @Test
  void staleTimestamp_isRejectedWithABare401() throws Exception {
    String id = id("stale");
    byte[] body = event(id, "");
    long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
    assertRejected(post("hooks/stripe", body, Senders.stripe(body, anHourAgo)), 401);
    assertThat(resources.deliveries.count(id)).isZero();
  }

  @Test
  void unsignedDelivery_isRejectedWithABare401() throws Exception {
    String id = id("unsigned");
    assertRejected(post("hooks/stripe", event(id, ""), null), 401);
    assertThat(resources.deliveries.count(id)).isZero();
  }

  @Test
  void oversizedBodyWithContentLength_isRejected413() throws Exception {
    String id = id("oversized");
    byte[] body = padded(id, MAX_BODY + 1);
    HttpResponse<String> response =
        send("hooks/stripe", BodyPublishers.ofByteArray(body), Senders.stripe(body));
    assertRejected(response, 413);
    assertThat(resources.deliveries.count(id)).isZero();
  }

  @Test
  void oversizedContentLength_is413WithoutReadingTheBody() throws Exception {
    // Declares 10 MB and sends 20 bytes: a filter that read the body would wait for the rest.
    URI base = server.base();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout(5_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + base.resolve("hooks/stripe").getRawPath()
                  + " HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Stripe-Signature: t=1,v1=00\r\nContent-Length: 10000000\r\n\r\n"
                  + "{\"id\":\"partial\"")
              .getBytes(UTF_8));
      out.flush();
      StringBuilder status = new StringBuilder();
      java.io.InputStream in = socket.getInputStream();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        status.append((char) c);
      }
      assertThat(status.toString()).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void oversizedChunkedBody_isRejected413() throws Exception {
    String id = id("chunked");
    byte[] body = padded(id, MAX_BODY + 1);
    HttpResponse<String> response = send("hooks/stripe", chunked(body), Senders.stripe(body));
    assertRejected(response, 413);
    assertThat(resources.deliveries.count(id)).isZero();
  }

  @Test
  void chunkedBodyWithinTheLimit_isVerifiedAndProcessed() throws Exception {
    String id = id("chunked-ok");
    byte[] body = event(id, "");
    assertThat(send("hooks/stripe", chunked(body), Senders.stripe(body)).statusCode())
        .isEqualTo(204);
    assertThat(resources.deliveries.count(id)).isEqualTo(1);
  }

  // --- Idempotency ----------------------------------------------------------------------------

  @Test
  void concurrentDuplicates_onPostgres_reachTheResourceExactlyOncePerDelivery() throws Exception {
    int threads = 8;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(id("concurrent-" + i));
    }
    Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<String> order = new ArrayList<>(ids);
      Collections.shuffle(order, new Random(t));
      done.add(
          senders.submit(
              () -> {
                go.await();
                for (String id : order) {
                  byte[] body = event(id, ",\"slow\":true");
                  int status = post("hooks/stripe", body, Senders.stripe(body)).statusCode();
                  statuses.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(status);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    senders.shutdown();
    for (String id : ids) {
      assertThat(resources.deliveries.count(id)).as("handler calls for %s", id).isEqualTo(1);
      assertThat(statuses.get(id)).hasSize(threads).isSubsetOf(204, 409, 200);
      assertThat(statuses.get(id).stream().filter(s -> s == 204)).hasSize(1);
    }
    // The attempts overlapped: some met a claim still in progress.
    assertThat(statuses.values().stream().flatMap(List::stream).filter(s -> s == 409)).isNotEmpty();
  }

  @Test
  void handlerThrowsAnUnmappedException_claimIsReleasedAndTheRetryIsProcessed() throws Exception {
    String id = id("throws");
    byte[] body = event(id, ",\"fail\":\"throw\"");
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(500);
    // Within the 5-minute lease: a claim left in progress would answer 409 until it ends.
    assertThat(retryWhileInProgress(body).statusCode()).isEqualTo(204);
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(200);
    assertThat(resources.deliveries.count(id)).isEqualTo(2);
  }

  @Test
  void handlerThrowsAnError_claimIsReleasedAndTheRetryIsProcessed() throws Exception {
    String id = id("error");
    byte[] body = event(id, ",\"fail\":\"error\"");
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(500);
    assertThat(retryWhileInProgress(body).statusCode()).isEqualTo(204);
    assertThat(resources.deliveries.count(id)).isEqualTo(2);
  }

  /**
   * Sends {@code body} to the Stripe endpoint again, and again while it answers 409 (in progress),
   * for at most {@link #releaseAfterUnmappedException()}: with zero, exactly once.
   */
  private HttpResponse<String> retryWhileInProgress(byte[] body) throws Exception {
    long deadline = System.nanoTime() + releaseAfterUnmappedException().toNanos();
    while (true) {
      HttpResponse<String> response = post("hooks/stripe", body, Senders.stripe(body));
      if (response.statusCode() != 409 || System.nanoTime() >= deadline) {
        return response;
      }
      Thread.sleep(10);
    }
  }

  @Test
  void handlerAnswers500_claimIsReleasedAndTheRetryIsProcessed() throws Exception {
    String id = id("answers-500");
    byte[] body = event(id, ",\"fail\":\"500\"");
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(500);
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(204);
    assertThat(post("hooks/stripe", body, Senders.stripe(body)).statusCode()).isEqualTo(200);
    assertThat(resources.deliveries.count(id)).isEqualTo(2);
  }

  @Test
  void storeDown_isRejected503WithRetryAfterAndNotHandled() throws Exception {
    String id = id("outage");
    byte[] body = event(id, "");
    HttpResponse<String> response = post("hooks/outage", body, Senders.stripe(body));
    assertRejected(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(resources.deliveries.count(id)).isZero();
  }

  // --- Bodies the resource reads --------------------------------------------------------------

  @Test
  void formSender_isVerifiedAndTheResourceReadsItsFormParameters() throws Exception {
    String callSid = "CA" + runtime() + "0001";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", callSid);
    form.put("From", "+15551234567");
    form.put("Body", "caf\u00e9 & more");
    byte[] body = formBody(form);
    String url = server.base().resolve("hooks/twilio").toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
            .header("X-Twilio-Signature", Senders.twilio(url, form))
            .POST(BodyPublishers.ofByteArray(body));
    HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString(UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("+15551234567|caf\u00e9 & more");
    assertThat(resources.deliveries.count("twilio:" + callSid)).isEqualTo(1);

    form.put("Body", "changed");
    HttpResponse<String> forged =
        client.send(
            request.POST(BodyPublishers.ofByteArray(formBody(form))).build(),
            BodyHandlers.ofString());
    assertRejected(forged, 401);
    assertThat(resources.deliveries.count("twilio:" + callSid)).isEqualTo(1);
  }

  @Test
  void unrelatedResource_isUntouched_andReadsABodyLargerThanTheLimit() throws Exception {
    byte[] body = new byte[3 * MAX_BODY + 7];
    new Random(42).nextBytes(body);
    String expected = body.length + ":" + HexFormat.of().formatHex(Digest.sha256(body));
    HttpResponse<String> sized = send("hooks/upload", BodyPublishers.ofByteArray(body), null);
    assertThat(sized.statusCode()).isEqualTo(200);
    assertThat(sized.body()).isEqualTo(expected);
    HttpResponse<String> streamed = send("hooks/upload", chunked(body), null);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).isEqualTo(expected);
  }

  @Test
  void entityParameterOfTypeVerifiedWebhook_receivesTheVerifiedWebhook() throws Exception {
    byte[] body = "{\"id\":\"evt_entity\",\"note\":\"caf\u00e9\"}".getBytes(UTF_8);
    HttpResponse<String> response = post("hooks/custom", body, Senders.stripe(body));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("stripe:" + body.length);
  }

  @Test
  void entityParameterOfTypeVerifiedWebhook_receivesAnEmptyVerifiedBody() throws Exception {
    byte[] body = new byte[0];
    HttpResponse<String> response = post("hooks/custom", body, Senders.stripe(body));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("stripe:0");
  }

  @Test
  void requestContext_whereInjected_carriesTheVerifiedWebhook() throws Exception {
    assumeTrue(injectsRequestContextIntoResources(), runtime() + " injects no request context");
    byte[] body = "{\"id\":\"evt_context\"}".getBytes(UTF_8);
    HttpResponse<String> response = post("hooks/context", body, Senders.stripe(body));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(new String(body, UTF_8));
  }

  @Test
  void customRejectionHandler_answersForItsEndpoint() throws Exception {
    byte[] body = "{\"id\":\"evt_custom_forged\"}".getBytes(UTF_8);
    HttpResponse<String> response = post("hooks/custom", body, "t=1,v1=00");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("rejected: TIMESTAMP_TOO_OLD");
    assertThat(resources.deliveries.count("custom:" + new String(body, UTF_8))).isZero();
  }

  @Test
  void endpointNameWithoutConfiguration_failsTheDeployment() {
    assertDeploymentFails(new MisnamedResource(), "misnamed", "no-such-endpoint");
  }

  @Test
  void verifiedWebhookParameterWithoutEndpoint_failsTheDeployment() {
    assertDeploymentFails(new UnmarkedResource(), "unmarked", "not marked @HookverifyEndpoint");
  }

  /** Deploying {@code resource} fails, at the latest on the first request to {@code path}. */
  private void assertDeploymentFails(Object resource, String path, String message) {
    HookverifyFeature feature =
        HookverifyFeature.builder()
            .endpoint("stripe", Stripe.verifier(WebhookSecret.ofUtf8(STRIPE_SECRET)))
            .build();
    assertThatThrownBy(
            () -> {
              try (Running misdeployed = start(new TestApplication(feature, resource))) {
                // A runtime that deploys lazily must fail on the first request at the latest.
                send(path, BodyPublishers.ofString("{}"), null, misdeployed.base());
              }
            })
        .satisfies(e -> assertThat(causes(e)).anyMatch(m -> m.contains(message)));
  }

  // --- Helpers --------------------------------------------------------------------------------

  String id(String name) {
    return "evt_" + runtime() + "_" + name;
  }

  static byte[] event(String id, String more) {
    return ("{\"id\":\"" + id + "\",\"type\":\"charge.succeeded\"" + more + "}").getBytes(UTF_8);
  }

  /** An event of exactly {@code size} bytes. */
  static byte[] padded(String id, int size) {
    String head = "{\"id\":\"" + id + "\",\"pad\":\"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(UTF_8);
  }

  static byte[] formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
        .collect(Collectors.joining("&"))
        .getBytes(UTF_8);
  }

  /** A body sent without {@code Content-Length}: chunked. */
  static BodyPublisher chunked(byte[] body) {
    return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
  }

  HttpResponse<String> post(String path, byte[] body, String signature) throws Exception {
    return send(path, BodyPublishers.ofByteArray(body), signature);
  }

  HttpResponse<String> send(String path, BodyPublisher body, String signature) throws Exception {
    return send(path, body, signature, server.base());
  }

  HttpResponse<String> send(String path, BodyPublisher body, String signature, URI base)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(body);
    if (signature != null) {
      request.header(Stripe.SIGNATURE_HEADER, signature);
    }
    return client.send(request.build(), BodyHandlers.ofString(UTF_8));
  }

  static void assertRejected(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  static List<String> causes(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null && messages.size() < 20; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }
}
