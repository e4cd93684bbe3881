package dev.hookverify.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.InboxVerifier;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.InboxWorkers;
import dev.hookverify.inbox.RetryPolicy;
import dev.hookverify.inbox.StoredDelivery;
import dev.hookverify.providers.Provider;
import dev.hookverify.servlet.WebhookFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A receiver in inbox mode as a user would run it in two processes on one PostgreSQL server. The
 * "web" process: Jetty on loopback, the shipped {@link WebhookFilter} in inbox mode in front of
 * each provider's path, and a worker pool, all on one {@link DeliveryInbox} behind one connection
 * pool. The "worker" process: a second worker pool on its own {@link DeliveryInbox} and connection
 * pool, on the same table, woken by PostgreSQL notifications. The handler records what it
 * processed, takes a fixed time (a sleep, as a call to another service would; no time for the
 * {@link #isControl control group}), fails on purpose the first time it sees a delivery marked to
 * fail, and notes any delivery it finds already running (handled by two at once).
 */
final class InboxReceiver {
  /**
   * The delivery number every test body carries: {@code "n":123} in JSON, {@code N=123} in forms.
   */
  private static final Pattern NUMBER = Pattern.compile("(?:\"n\":|\\bN=)(\\d+)");

  private static final Pattern FAIL = Pattern.compile("\"fail\":true|\\bFail=1");

  /** A failed handler is tried again soon: the test waits for it. */
  private static final RetryPolicy RETRY =
      RetryPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)).withMaxAttempts(5);

  private final long handlerMillis;
  private final EmbeddedPostgres postgres;
  private final HikariDataSource web;
  private final HikariDataSource worker;
  private final DeliveryInbox inbox;
  private final Server server;
  private final URI base;
  private final InboxWorkers webPool;
  private final InboxWorkers workerPool;
  private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> processed = new ConcurrentHashMap<>();
  private final Set<Integer> running = ConcurrentHashMap.newKeySet();
  private final List<Integer> overlapping = new CopyOnWriteArrayList<>();

  /**
   * Starts PostgreSQL, the web process (Jetty serving {@code clients} senders, and {@code threads}
   * workers) and the worker process ({@code threads} workers); handlers take {@code handlerMillis}.
   */
  InboxReceiver(
      Map<Provider, List<String>> verificationKeys, int clients, int threads, long handlerMillis)
      throws Exception {
    this.handlerMillis = handlerMillis;
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("max_connections", Integer.toString(2 * threads + clients + 40))
            .start();
    // Each pool: one connection per concurrent request or settlement, plus the dispatcher's.
    web = pool(postgres.getPostgresDatabase(), clients + threads + 4, "web");
    worker = pool(postgres.getPostgresDatabase(), threads + 4, "worker");
    inbox = DeliveryInbox.builder(web).build();
    try (Connection c = web.getConnection();
        Statement s = c.createStatement()) {
      s.execute(inbox.createTableSql());
    }

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    verificationKeys.forEach(
        (provider, keys) ->
            context.addFilter(
                new FilterHolder(
                    WebhookFilter.of(
                        InboxVerifier.builder(provider.verifier(keys).build(), inbox).build())),
                "/webhooks/" + provider.name(),
                EnumSet.of(DispatcherType.REQUEST)));
    // Behind the filters: in inbox mode nothing may reach it.
    context.addServlet(new ServletHolder(new Unreachable()), "/*");
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/");

    webPool = workers(inbox, threads, "web").start(); // woken by its own inbox's acceptances
    workerPool =
        workers(DeliveryInbox.builder(worker).build(), threads, "worker")
            .notifications(postgres.getPostgresDatabase()) // LISTEN on its own connection
            .start();
  }

  private static HikariDataSource pool(DataSource database, int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  private InboxWorkers.Builder workers(DeliveryInbox on, int threads, String id) {
    return InboxWorkers.builder(on, this::handle)
        .threads(threads)
        .batchSize(threads)
        .lease(Duration.ofSeconds(10)) // 200 times the handler; a lost lease costs 10 s
        .retry(RETRY)
        .pollInterval(Duration.ofMillis(100))
        .workerId(id);
  }

  /**
   * Whether delivery {@code n} is in the control group, one in five, whose handler takes no time:
   * the test compares their acknowledgements with the others', sent interleaved under the same
   * load.
   */
  static boolean isControl(int n) {
    return n % 5 == 0;
  }

  /** The URL the sender posts {@code provider}'s deliveries to (and signs, where it is signed). */
  String endpoint(Provider provider) {
    return base.resolve(provider.name()).toString();
  }

  /** How many times the handler returned normally for delivery {@code n}. */
  int processed(int n) {
    AtomicInteger count = processed.get(n);
    return count == null ? 0 : count.get();
  }

  /** How many times the handler was entered for delivery {@code n}, failures included. */
  int attempts(int n) {
    AtomicInteger count = attempts.get(n);
    return count == null ? 0 : count.get();
  }

  /** Deliveries the handler found already running when it was entered for them. */
  List<Integer> overlapping() {
    return overlapping;
  }

  /**
   * Stops both worker pools (waiting for running handlers); returns how many deliveries the web
   * process's pool and the worker process's pool completed.
   */
  long[] stopWorkers() {
    webPool.close();
    workerPool.close();
    return new long[] {webPool.completed(), workerPool.completed()};
  }

  /** Rows of the inbox table by status, read from PostgreSQL itself. */
  Map<String, Integer> storedStatuses() throws SQLException {
    return counts("SELECT status, count(*) FROM hookverify_inbox GROUP BY status");
  }

  /** Rows of the inbox table by the number of handler runs they took. */
  Map<String, Integer> storedAttempts() throws SQLException {
    return counts("SELECT attempts::text, count(*) FROM hookverify_inbox GROUP BY attempts");
  }

  private Map<String, Integer> counts(String sql) throws SQLException {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection c = web.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  void stop() throws Exception {
    try (postgres;
        web;
        worker) {
      try {
        server.stop();
      } finally {
        webPool.close();
        workerPool.close();
      }
    }
  }

  /** The application's handler, run by a worker for each stored delivery. */
  private void handle(StoredDelivery delivery) throws InterruptedException {
    String body = delivery.bodyAsString();
    Matcher number = NUMBER.matcher(body);
    if (!number.find()) {
      throw new IllegalStateException("a stored body without a delivery number");
    }
    int n = Integer.parseInt(number.group(1));
    if (!running.add(n)) {
      overlapping.add(n);
    }
    try {
      int attempt = attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(isControl(n) ? 0 : handlerMillis);
      if (attempt == 1 && FAIL.matcher(body).find()) {
        throw new IllegalStateException("handler failed on purpose"); // retried by the policy
      }
      processed.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
    } finally {
      running.remove(n);
    }
  }

  /** The servlet behind the filters: inbox mode answers itself, so reaching this is a failure. */
  private static final class Unreachable extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) {
      resp.setStatus(418);
    }
  }
}
