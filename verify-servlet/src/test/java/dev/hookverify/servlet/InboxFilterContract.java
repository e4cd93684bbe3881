package dev.hookverify.servlet;

import static dev.hookverify.servlet.WebhookFilterContract.closedPort;
import static dev.hookverify.servlet.WebhookFilterContract.keys;
import static dev.hookverify.servlet.WebhookFilterContract.readLine;
import static dev.hookverify.servlet.WebhookFilterContract.sign;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.InboxVerifier;
import dev.hookverify.VerificationEvent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.DeliveryStatus;
import dev.hookverify.inbox.InboxWorkers;
import dev.hookverify.inbox.StoredDelivery;
import dev.hookverify.providers.GitHub;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.testing.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter's inbox mode, in each real servlet container, on a real PostgreSQL inbox, with the
 * JDK's HTTP client on loopback: the filter stores and answers, the chain behind it never runs, and
 * a worker processes what was stored after the sender has its answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxFilterContract {
  private static final String SECRET = "github-inbox-secret";
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");
  private static final int SMALL_LIMIT = 64 * 1024;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final WebhookVerifier github = GitHub.builder(keys(SECRET)).build();
  private final List<VerificationEvent> events = new CopyOnWriteArrayList<>();

  /** The servlet behind every inbox filter: it must never run. */
  private final Handlers.Recorder chain = new Handlers.Recorder(0);

  private ServletContainer container;
  private URI base;
  private DeliveryInbox inbox;
  private DeliveryInbox worked;

  /** The container under test. */
  abstract ServletContainer container();

  @BeforeAll
  void deploy() throws Exception {
    String table = "servlet_inbox_" + getClass().getSimpleName().toLowerCase(Locale.ROOT);
    inbox = createdInbox(table);
    worked = createdInbox(table + "_worked");
    DeliveryInbox unreachable = DeliveryInbox.builder(closedPort()).build();
    WebhookVerifier listened = GitHub.builder(keys(SECRET)).listener(events::add).build();
    WebhookVerifier small = GitHub.builder(keys(SECRET)).maxBodyBytes(SMALL_LIMIT).build();

    Deployment deployment =
        new Deployment()
            .filter(
                "inbox",
                WebhookFilter.of(InboxVerifier.builder(listened, inbox).build()),
                "/inbox/*")
            .filter(
                "adyen",
                WebhookFilter.builder(InboxVerifier.builder(github, inbox).build())
                    .acknowledgement(200, "[accepted]")
                    .build(),
                "/adyen/*")
            .filter(
                "accepted",
                WebhookFilter.builder(InboxVerifier.builder(github, inbox).build())
                    .acknowledgement(202)
                    .build(),
                "/accepted/*")
            .filter(
                "small", WebhookFilter.of(InboxVerifier.builder(small, inbox).build()), "/small/*")
            .filter(
                "down",
                WebhookFilter.of(InboxVerifier.builder(github, unreachable).build()),
                "/down/*")
            .filter(
                "worked",
                WebhookFilter.of(InboxVerifier.builder(github, worked).build()),
                "/worked/*")
            .servlet("chain", chain, "/*");
    container = container();
    base = container.start(deployment);
  }

  @AfterAll
  void stop() throws Exception {
    container.stop();
  }

  @Test
  void accepted_isABare200_storedWithItsVerifiedBytes_andTheChainNeverRuns() throws Exception {
    String body = "{\"id\":\"inbox-1\",\"note\":\"caf\u00e9\"}";
    SignedDelivery delivery = sign("github", SECRET, body);
    long before = stored(inbox);
    int seen = events.size();

    HttpResponse<String> response = post("/inbox/hook?x=1", delivery);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    StoredDelivery row = inbox.find(key(delivery)).orElseThrow();
    assertThat(row.bodyAsString()).isEqualTo(body);
    assertThat(row.provider()).isEqualTo("github");
    assertThat(row.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(row.contentType()).isEqualTo(Optional.ofNullable(header(delivery, "Content-Type")));
    assertThat(stored(inbox)).isEqualTo(before + 1);
    assertThat(chain.handled).isEmpty();
    // The listener sees the accepted delivery once, with the peer and the path.
    assertThat(events).hasSize(seen + 1);
    assertThat(events.get(seen).isAccepted()).isTrue();
    assertThat(events.get(seen).remoteAddress()).contains("127.0.0.1");
    assertThat(events.get(seen).path()).isEqualTo("/inbox/hook");
  }

  @Test
  void duplicate_isA200Again_andStoredOnce_evenWhenSentConcurrently() throws Exception {
    SignedDelivery again = sign("github", SECRET, "{\"id\":\"inbox-dup\"}");
    SignedDelivery racing = sign("github", SECRET, "{\"id\":\"inbox-race\"}");
    long before = stored(inbox);

    assertThat(post("/inbox/hook", again).statusCode()).isEqualTo(200);
    HttpResponse<String> duplicate = post("/inbox/hook", again);
    List<Integer> raced = sendConcurrently(racing, 8);

    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(duplicate.body()).isEmpty();
    assertThat(raced).containsOnly(200);
    assertThat(stored(inbox)).isEqualTo(before + 2);
    assertThat(inbox.find(key(again))).isPresent();
    assertThat(inbox.find(key(racing))).isPresent();
    assertThat(chain.handled).isEmpty();
  }

  @Test
  void chosenAcknowledgement_answersTheAcceptanceAndItsDuplicates() throws Exception {
    SignedDelivery adyen = sign("github", SECRET, "{\"id\":\"inbox-adyen\"}");
    SignedDelivery accepted = sign("github", SECRET, "{\"id\":\"inbox-202\"}");

    List<HttpResponse<String>> answers =
        List.of(post("/adyen/notify", adyen), post("/adyen/notify", adyen));
    HttpResponse<String> answered202 = post("/accepted/hook", accepted);

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("[accepted]");
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }
    assertThat(answered202.statusCode()).isEqualTo(202);
    assertThat(answered202.body()).isEmpty();
    assertThat(inbox.find(key(adyen))).isPresent();
    assertThat(inbox.find(key(accepted))).isPresent();
    assertThat(chain.handled).isEmpty();
  }

  @Test
  void forgedOrUnsigned_isABare401_andNothingIsStored() throws Exception {
    String body = "{\"id\":\"inbox-forged\"}";
    SignedDelivery forged = sign("github", "not-the-secret", body);
    long before = stored(inbox);

    HttpResponse<String> wrongKey = post("/inbox/hook", forged);
    HttpResponse<String> unsigned = post("/inbox/hook", Map.of(), body.getBytes(UTF_8));
    HttpResponse<String> tampered =
        post("/adyen/notify", sign("github", SECRET, "{}").headers(), body.getBytes(UTF_8));

    for (HttpResponse<String> response : List.of(wrongKey, unsigned, tampered)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEmpty(); // not even the acknowledgement's [accepted]
    }
    assertThat(stored(inbox)).isEqualTo(before);
    assertThat(inbox.find(key(sign("github", SECRET, body)))).isEmpty();
    assertThat(chain.handled).isEmpty();
  }

  @Test
  void inboxDown_is503WithRetryAfter_andTheChainIsNotCalled() throws Exception {
    HttpResponse<String> response =
        post("/down/hook", sign("github", SECRET, "{\"id\":\"inbox-down\"}"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(response.body()).isEmpty();
    assertThat(chain.handled).isEmpty();
  }

  @Test
  void oversizedContentLength_is413WithoutReadingTheBody_andNothingIsStored() throws Exception {
    long before = stored(inbox);
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
    assertThat(stored(inbox)).isEqualTo(before);
  }

  @Test
  void oversizedChunked_is413_andABodyAtTheLimitIsStoredWhole() throws Exception {
    byte[] over = new byte[4 * SMALL_LIMIT];
    Arrays.fill(over, (byte) 'a');
    String padding = "x".repeat(SMALL_LIMIT - 20);
    String atLimit = "{\"p\":\"" + padding + "\"}";
    atLimit = atLimit + " ".repeat(SMALL_LIMIT - atLimit.length());
    SignedDelivery whole = sign("github", SECRET, atLimit);
    long before = stored(inbox);

    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(base.resolve("/small/hook"))
                .timeout(DEADLINE)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> limit = post("/small/hook", whole);

    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(limit.statusCode()).isEqualTo(200);
    assertThat(inbox.find(key(whole)).orElseThrow().bodyLength()).isEqualTo(SMALL_LIMIT);
    assertThat(stored(inbox)).isEqualTo(before + 1);
  }

  @Test
  void accepted_isAnsweredBeforeItsHandlerFinishes_andAWorkerThenCompletesIt() throws Exception {
    String body = "{\"id\":\"inbox-worked\"}";
    SignedDelivery delivery = sign("github", SECRET, body);
    CountDownLatch answered = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    InboxWorkers workers =
        InboxWorkers.builder(
                worked,
                stored -> {
                  // Blocks until the sender has its answer: an answer that waited would time out.
                  if (!answered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the sender was not answered first");
                  }
                  handled.add(stored.bodyAsString());
                })
            .threads(2)
            .pollInterval(Duration.ofMillis(50))
            .start();
    try {
      HttpResponse<String> response = post("/worked/hook", delivery);
      answered.countDown();

      assertThat(response.statusCode()).isEqualTo(200);
      StoredDelivery done = awaitStatus(key(delivery), DeliveryStatus.COMPLETED);
      assertThat(done.attempt()).isEqualTo(1);
      assertThat(handled).containsExactly(body);
      assertThat(chain.handled).isEmpty();
    } finally {
      workers.close();
    }
  }

  // Helpers.

  private static DeliveryInbox createdInbox(String table) throws Exception {
    DeliveryInbox inbox = DeliveryInbox.builder(PostgresServer.dataSource()).table(table).build();
    try (Connection c = PostgresServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(inbox.createTableSql());
    }
    return inbox;
  }

  /** How many deliveries {@code inbox} holds, in any status. */
  private static long stored(DeliveryInbox inbox) throws Exception {
    return inbox.counts().values().stream().mapToLong(Long::longValue).sum();
  }

  private StoredDelivery awaitStatus(DeliveryKey key, DeliveryStatus status) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    StoredDelivery row = worked.find(key).orElseThrow();
    while (row.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(20);
      row = worked.find(key).orElseThrow();
    }
    assertThat(row.status()).as(row.toString()).isEqualTo(status);
    return row;
  }

  /** The key the inbox stores {@code delivery} under, as the verifier derives it. */
  private DeliveryKey key(SignedDelivery delivery) throws Exception {
    WebhookRequest.Builder request =
        WebhookRequest.builder().method("POST").uri(base.resolve("/hook").toString());
    delivery.headers().forEach(request::header);
    return github.verify(request.body(delivery.body()).build()).deliveryKey();
  }

  private static String header(SignedDelivery delivery, String name) {
    return delivery.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private List<Integer> sendConcurrently(SignedDelivery delivery, int senders) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  return post("/inbox/hook", delivery).statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : sent) {
        statuses.add(status.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
    return post(path, delivery.headers(), delivery.body());
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(DEADLINE)
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
