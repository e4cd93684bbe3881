package dev.hookverify.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.providers.GitHub;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.Slack;
import dev.hookverify.providers.Stripe;
import dev.hookverify.providers.Twilio;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.testing.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The filter's contract, run in each real servlet container with the JDK's HTTP client on loopback:
 * what reaches the handler, what it reads, how claims settle, and how rejections look. Every sender
 * is a real one from the registry, signing through the signing kit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookFilterContract {
  private static final String GITHUB_SECRET = "github-contract-secret";
  private static final String STRIPE_SECRET = "whsec_contract_secret";
  private static final String TWILIO_TOKEN = "twilio-contract-auth-token";
  private static final String SLACK_SECRET = "slack-contract-signing-secret";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");
  private static final int SMALL_LIMIT = 64 * 1024;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<VerificationEvent> githubEvents = new CopyOnWriteArrayList<>();
  private final Handlers.Recorder github = new Handlers.Recorder(0);
  private final Handlers.Recorder small = new Handlers.Recorder(0);
  private final Handlers.Recorder jdbc = new Handlers.Recorder(20);
  private final Handlers.Recorder down = new Handlers.Recorder(0);
  private final Handlers.Recorder voice = new Handlers.Recorder(0);
  private final Handlers.Keeper keeper = new Handlers.Keeper();
  private ServletContainer container;
  private URI base;

  /** The container under test. */
  abstract ServletContainer container();

  @BeforeAll
  void deploy() throws Exception {
    IdempotentVerifier githubVerifier =
        IdempotentVerifier.builder(
                GitHub.builder(keys(GITHUB_SECRET)).listener(githubEvents::add).build(),
                new InMemoryIdempotencyStore(10_000))
            .build();
    WebhookVerifier smallVerifier =
        GitHub.builder(keys(GITHUB_SECRET)).maxBodyBytes(SMALL_LIMIT).build();
    JdbcIdempotencyStore postgres =
        JdbcIdempotencyStore.builder(PostgresServer.dataSource())
            .table("servlet_contract_" + getClass().getSimpleName().toLowerCase())
            .build();
    try (Connection c = PostgresServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(postgres.createTableSql());
    }
    JdbcIdempotencyStore unreachable =
        JdbcIdempotencyStore.builder(closedPort()).queryTimeout(Duration.ofSeconds(2)).build();
    WebhookVerifier twilio = Twilio.builder(keys(TWILIO_TOKEN), url -> url).build();

    Deployment deployment =
        new Deployment()
            .filter("github", WebhookFilter.of(githubVerifier), "/github/*")
            .servlet("github", github, "/github/*")
            .errorPage("/github/error")
            .filter(
                "stripe",
                WebhookFilter.builder(Stripe.builder(keys(STRIPE_SECRET)).build())
                    .rejectionHandler(RejectionHandler.revealingReason())
                    .build(),
                "/stripe/*")
            .servlet("stripe", new Handlers.Recorder(0), "/stripe/*")
            .filter("small", WebhookFilter.of(smallVerifier), "/small/*")
            .servlet("small", small, "/small/*")
            .filter(
                "jdbc",
                WebhookFilter.of(
                    IdempotentVerifier.builder(
                            GitHub.builder(keys(GITHUB_SECRET)).build(), postgres)
                        .build()),
                "/jdbc/*")
            .servlet("jdbc", jdbc, "/jdbc/*")
            .filter(
                "down",
                WebhookFilter.of(
                    IdempotentVerifier.builder(
                            GitHub.builder(keys(GITHUB_SECRET)).build(), unreachable)
                        .build()),
                "/down/*")
            .servlet("down", down, "/down/*")
            .filter(
                "twilio",
                WebhookFilter.of(
                    IdempotentVerifier.builder(twilio, new InMemoryIdempotencyStore(1_000))
                        .build()),
                "/twilio/*")
            .servlet("twilio", new Handlers.FormEcho("Body", "From", "tenant"), "/twilio/*")
            .filter(
                "slack", WebhookFilter.of(Slack.builder(keys(SLACK_SECRET)).build()), "/slack/*")
            .servlet("slack", new Handlers.FormEcho("command", "text"), "/slack/*")
            .filter(
                "proxied",
                WebhookFilter.builder(twilio)
                    .publicBaseUrl("https://hooks.example.com/api")
                    .build(),
                "/proxied/*")
            .servlet("proxied", new Handlers.FormEcho("Body"), "/proxied/*")
            .filter(
                "forwarded",
                WebhookFilter.builder(twilio).trustForwardedHeaders().build(),
                "/forwarded/*")
            .servlet("forwarded", new Handlers.FormEcho("Body"), "/forwarded/*")
            .filter(
                "voice",
                WebhookFilter.builder(twilio)
                    .rejectionHandler(
                        (request, response, reason) -> {
                          response.setStatus(200);
                          response.setContentType("application/xml");
                          response.getWriter().write("<Response><Hangup/></Response>");
                        })
                    .build(),
                "/voice/*")
            .servlet("voice", voice, "/voice/*")
            .filter(
                "keep", WebhookFilter.of(GitHub.builder(keys(GITHUB_SECRET)).build()), "/keep/*")
            .servlet("keep", keeper, "/keep/*")
            .multipartServlet("upload", new Handlers.Upload(), "/upload")
            .servlet("form", new Handlers.FormEcho("a", "b"), "/form");
    container = container();
    base = container.start(deployment);
  }

  @AfterAll
  void stop() throws Exception {
    container.stop();
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
    assertThat(github.count(body)).isEqualTo(1);
    assertThat(github.mismatches).isEmpty();
  }

  @Test
  void tamperedOrUnsigned_isABare401ThatIsNotCached_andNeverReachesTheHandler() throws Exception {
    String body = "{\"id\":2}";
    SignedDelivery genuine = sign("github", GITHUB_SECRET, body);
    String tampered = "{\"id\":3}";

    HttpResponse<String> forged = post("/github/hook", genuine.headers(), tampered.getBytes(UTF_8));
    HttpResponse<String> unsigned = post("/github/hook", Map.of(), body.getBytes(UTF_8));

    for (HttpResponse<String> response : List.of(forged, unsigned)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEmpty();
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
    assertThat(github.count(tampered)).isZero();
    assertThat(github.count(body)).isZero();
  }

  @Test
  void stale_isRejected_andTheReasonIsShownOnlyWhereTheApplicationAskedForIt() throws Exception {
    String body = "{\"id\":\"evt_stale\"}";
    SignedDelivery stale =
        Providers.byName("stripe")
            .sender()
            .sign(
                STRIPE_SECRET,
                OutgoingWebhook.builder(body.getBytes(UTF_8))
                    .timestamp(Instant.now().minusSeconds(3_600).getEpochSecond())
                    .build());

    HttpResponse<String> response = post("/stripe/hook", stale);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(Reason.TIMESTAMP_TOO_OLD.name());
    assertThat(post("/stripe/hook", sign("stripe", STRIPE_SECRET, body)).statusCode())
        .isEqualTo(204);
  }

  @Test
  void listener_seesThePeerAndThePathButNotTheQuery() throws Exception {
    String body = "{\"id\":4}";
    int before = githubEvents.size();

    post("/github/hook?token=query-secret", sign("github", GITHUB_SECRET, body));

    assertThat(githubEvents).hasSize(before + 1);
    VerificationEvent event = githubEvents.get(before);
    assertThat(event.isAccepted()).isTrue();
    assertThat(event.remoteAddress()).contains("127.0.0.1");
    assertThat(event.path()).isEqualTo("/github/hook");
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
      String statusLine = readLine(socket.getInputStream());
      assertThat(statusLine).startsWith("HTTP/1.1 413");
    }
    assertThat(small.handled.keySet()).noneMatch(body -> body.contains("partial"));
  }

  @Test
  void oversizedChunked_is413AfterOneBytePastTheLimit() throws Exception {
    byte[] body = new byte[4 * SMALL_LIMIT];
    java.util.Arrays.fill(body, (byte) 'a');
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/small/hook"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(small.handled.keySet()).noneMatch(handled -> handled.startsWith("aaaa"));
  }

  @Test
  void bodyAtTheLimit_isVerifiedAndReplayedWhole() throws Exception {
    String padding = "x".repeat(SMALL_LIMIT - 20);
    String body = "{\"p\":\"" + padding + "\"}";
    body = body + " ".repeat(SMALL_LIMIT - body.length());

    assertThat(post("/small/hook", sign("github", GITHUB_SECRET, body)).statusCode())
        .isEqualTo(204);
    assertThat(small.count(body)).isEqualTo(1);
  }

  // Forms: the handler reads parameters from the verified bytes.

  @Test
  void twilioForm_verifiesOverTheRawBytes_andGetParameterReadsThem() throws Exception {
    String url = base.resolve("/twilio/sms?tenant=acme").toString();
    String form =
        form("From", "+15551234567", "Body", "Hello caf\u00e9\nsecond line", "To", "+1555");
    SignedDelivery delivery = signForm("twilio", TWILIO_TOKEN, form, url);

    HttpResponse<String> response = post("/twilio/sms?tenant=acme", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("Body=Hello caf\u00e9\nsecond line;From=+15551234567;tenant=acme;verified=true");
    assertThat(post("/twilio/sms?tenant=acme", delivery).statusCode()).isEqualTo(200); // replay
  }

  @Test
  void slackSlashCommand_verifiesAndItsParametersAreRead() throws Exception {
    String form = form("command", "/deploy", "text", "prod now", "user_id", "U123");
    SignedDelivery delivery = signForm("slack", SLACK_SECRET, form, null);

    HttpResponse<String> response = post("/slack/commands", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("command=/deploy;text=prod now;verified=true");
  }

  @Test
  void bodySignedForm_aReplayCannotSetTheFormsParametersThroughTheQuery() throws Exception {
    // Slack signs the body, not the URL: whatever a replay adds to the query is unsigned.
    String form = form("command", "/weather", "text", "today", "user_id", "U123");
    SignedDelivery delivery = signForm("slack", SLACK_SECRET, form, null);
    String query = "?command=%2Fdeploy&text=prod";
    String expected = "command=/weather;text=today;verified=true";

    HttpResponse<String> sameName = post("/slack/commands" + query, delivery);
    // The body no longer declared a form, or declared in a charset it does not decode in.
    HttpResponse<String> notAForm =
        post(
            "/slack/commands" + query,
            with(delivery.headers(), "Content-Type", "text/plain"),
            delivery.body());
    HttpResponse<String> otherCharset =
        post(
            "/slack/commands" + query,
            with(delivery.headers(), "Content-Type", FORM + "; charset=UTF-16"),
            delivery.body());

    assertThat(sameName.body()).isEqualTo(expected);
    for (HttpResponse<String> response : List.of(notAForm, otherCharset)) {
      assertThat(response.body()).doesNotContain("/deploy").doesNotContain("prod");
    }
  }

  @Test
  void twilioForm_theContainersCharsetIsTheOneTwilioVerifiedIn() throws Exception {
    String form = form("Body", "caf\u00e9");
    SignedDelivery signed =
        signForm("twilio", TWILIO_TOKEN, form, "https://hooks.example.com/api/proxied/sms");
    // Each a form that Twilio reads as UTF-8; no container may read another charset from it.
    for (String type :
        List.of(
            FORM + "; x=\"charset=iso-8859-1\"",
            FORM + "; x=\"a;charset=iso-8859-1\"; charset=utf-8",
            FORM + "; charset=\"utf-8\"",
            FORM + ";charset=utf-8;",
            FORM + "; x=\"\\\"; charset=iso-8859-1\"")) {
      HttpResponse<String> response =
          post("/proxied/sms", with(signed.headers(), "Content-Type", type), signed.body());
      assertThat(response.statusCode()).as(type).isEqualTo(200);
      assertThat(response.body()).as(type).startsWith("Body=caf\u00e9;");
    }
  }

  @Test
  void unrelatedUploadAndForm_areLeftToTheContainer_evenBeyondTheWebhookLimit() throws Exception {
    byte[] file = new byte[2 * 1024 * 1024];
    String boundary = "----hookverify-boundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(UTF_8);
    byte[] multipart = new byte[head.length + file.length + tail.length];
    System.arraycopy(head, 0, multipart, 0, head.length);
    System.arraycopy(tail, 0, multipart, head.length + file.length, tail.length);

    HttpResponse<String> upload =
        post(
            "/upload",
            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
            multipart);
    HttpResponse<String> formPost =
        post("/form", Map.of("Content-Type", FORM), form("a", "1", "b", "two").getBytes(UTF_8));

    assertThat(upload.statusCode()).isEqualTo(200);
    assertThat(upload.body()).isEqualTo("file:" + file.length + ";verified=false");
    assertThat(formPost.body()).isEqualTo("a=1;b=two;verified=false");
  }

  // The signed URL behind a proxy.

  @Test
  void publicBaseUrl_rebuildsTheUrlTheSenderSigned() throws Exception {
    String form = form("Body", "via proxy");
    SignedDelivery forPublic =
        signForm("twilio", TWILIO_TOKEN, form, "https://hooks.example.com/api/proxied/sms?x=1");
    SignedDelivery forLoopback =
        signForm("twilio", TWILIO_TOKEN, form, base.resolve("/proxied/sms?x=1").toString());

    assertThat(post("/proxied/sms?x=1", forPublic).body()).startsWith("Body=via proxy;");
    assertThat(post("/proxied/sms?x=1", forLoopback).statusCode()).isEqualTo(401);
  }

  @Test
  void forwardedHeaders_countOnlyWhereTrusted() throws Exception {
    String form = form("Body", "forwarded");
    String publicUrl = "https://public.example.org/forwarded/sms";
    SignedDelivery signed = signForm("twilio", TWILIO_TOKEN, form, publicUrl);
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
    SignedDelivery untrusted =
        signForm("twilio", TWILIO_TOKEN, form, "https://public.example.org/twilio/sms");
    assertThat(
            post(
                    "/twilio/sms",
                    with(
                        untrusted.headers(),
                        "X-Forwarded-Proto",
                        "https",
                        "X-Forwarded-Host",
                        "public.example.org"),
                    untrusted.body())
                .statusCode())
        .isEqualTo(401);
  }

  // How claims settle.

  @Test
  void handlerThrows_claimReleased_retryProcessed_noSecondVerificationOnTheErrorDispatch()
      throws Exception {
    String body = "{\"id\":10,\"mode\":\"throw\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);
    int before = githubEvents.size();

    HttpResponse<String> failed = post("/github/hook", delivery);

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("error page");
    assertThat(githubEvents).hasSize(before + 1); // the error page's dispatch is not verified
    assertRetryProcessedOnceMore(delivery, body);
  }

  /** After a failed first attempt: the retry is processed, the next one is a duplicate. */
  private void assertRetryProcessedOnceMore(SignedDelivery delivery, String body) throws Exception {
    assertThat(post("/github/hook", delivery).statusCode()).as(body).isEqualTo(204);
    assertThat(post("/github/hook", delivery).statusCode()).as(body).isEqualTo(200);
    assertThat(github.count(body)).as(body).isEqualTo(2);
  }

  @Test
  void handlerAnswers500_claimReleased_retryProcessed() throws Exception {
    String body = "{\"id\":11,\"mode\":\"fail500\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(500);
    assertRetryProcessedOnceMore(delivery, body);
  }

  @Test
  void asyncHandler_claimCompletedWhenTheRequestCompletes() throws Exception {
    String body = "{\"id\":12,\"mode\":\"async\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(204);
    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(200);
    assertThat(github.count(body)).isEqualTo(1);
    assertThat(github.mismatches).doesNotContainKey(body);
  }

  @Test
  void asyncHandler_claimReleasedOnAsync500AndOnTimeout() throws Exception {
    for (String mode : List.of("async500", "asyncTimeout")) {
      String body = "{\"id\":13,\"mode\":\"" + mode + "\"}";
      SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

      assertThat(post("/github/hook", delivery).statusCode()).as(mode).isEqualTo(500);
      assertRetryProcessedOnceMore(delivery, body);
    }
  }

  @Test
  void asyncHandlerCompletedBeforeReturning_claimCompleted() throws Exception {
    String body = "{\"id\":15,\"mode\":\"asyncCompletedAtOnce\"}";
    SignedDelivery delivery = sign("github", GITHUB_SECRET, body);

    assertThat(post("/github/hook", delivery).statusCode()).isEqualTo(204);
    // Jetty may send the answer before the filter settles: a retry then sees 409 for a moment.
    int status = 409;
    for (int attempt = 0; attempt < 100 && status == 409; attempt++) {
      status = post("/github/hook", delivery).statusCode();
      Thread.sleep(status == 409 ? 10 : 0);
    }
    assertThat(status).isEqualTo(200);
    assertThat(github.count(body)).isEqualTo(1);
  }

  @Test
  void verifiedWebhook_keptPastItsRequest_stillReadsItsOwnDelivery() throws Exception {
    SignedDelivery first = sign("github", GITHUB_SECRET, "{\"id\":16}");
    SignedDelivery second = sign("github", GITHUB_SECRET, "{\"id\":17}");
    int before = keeper.kept.size();

    assertThat(post("/keep/hook", first).statusCode()).isEqualTo(204);
    assertThat(post("/keep/hook", second).statusCode()).isEqualTo(204);

    // A worker reads the id after the container has finished with (and recycled) the request.
    assertThat(keeper.kept.get(before).deliveryId())
        .contains(first.headers().get(GitHub.DELIVERY_HEADER));
    assertThat(keeper.kept.get(before + 1).deliveryId())
        .contains(second.headers().get(GitHub.DELIVERY_HEADER));
  }

  @Test
  void storeDown_is503WithRetryAfter_andTheHandlerIsNotCalled() throws Exception {
    String body = "{\"id\":14}";

    HttpResponse<String> response = post("/down/hook", sign("github", GITHUB_SECRET, body));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(down.handled).isEmpty();
  }

  @Test
  void concurrentDuplicates_onPostgres_areProcessedExactlyOnce() throws Exception {
    int senders = 8;
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      bodies.add("{\"id\":\"concurrent-" + i + "\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        List<String> order = new ArrayList<>(bodies);
        Collections.shuffle(order, new java.util.Random(t));
        results.add(pool.submit(() -> deliverUntilSettled(order)));
      }
      for (Future<List<Integer>> result : results) {
        assertThat(result.get()).allMatch(status -> status == 204 || status == 200);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String body : bodies) {
      assertThat(jdbc.count(body)).as(body).isEqualTo(1);
    }
    assertThat(jdbc.mismatches).isEmpty();
  }

  @Test
  void customRejectionHandler_answersInTheApplicationsFormat() throws Exception {
    HttpResponse<String> response =
        post("/voice/call", Map.of("Content-Type", FORM), form("CallSid", "CA1").getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<Response><Hangup/></Response>");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    assertThat(voice.handled).isEmpty();
  }

  // Helpers.

  /** Sends each delivery, retrying a 409 (in progress) as a sender would; the final statuses. */
  private List<Integer> deliverUntilSettled(List<String> bodies) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (String body : bodies) {
      SignedDelivery delivery = sign("github", GITHUB_SECRET, body);
      int status = 409;
      for (int attempt = 0; attempt < 100 && status == 409; attempt++) {
        status = post("/jdbc/hook", delivery).statusCode();
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
          if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            request.header(name, value);
          }
        });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  static SignedDelivery sign(String provider, String secret, String body) {
    return Providers.byName(provider)
        .sender()
        .sign(secret, OutgoingWebhook.builder(body.getBytes(UTF_8)).build());
  }

  private static SignedDelivery signForm(String provider, String secret, String form, String url) {
    OutgoingWebhook.Builder webhook =
        OutgoingWebhook.builder(form.getBytes(UTF_8)).contentType(FORM);
    if (url != null) {
      webhook.url(url);
    }
    return Providers.byName(provider).sender().sign(secret, webhook.build());
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
    Map<String, String> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(headers);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  static KeyRing keys(String secret) {
    return KeyRing.of(dev.hookverify.WebhookSecret.ofUtf8(secret));
  }

  /** A data source on a loopback port nothing listens on: a store that is down. */
  static DataSource closedPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setConnectTimeout(2);
    return dataSource;
  }

  static String readLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
