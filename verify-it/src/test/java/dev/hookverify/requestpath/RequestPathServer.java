package dev.hookverify.requestpath;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.InboxVerifier;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.providers.Providers;
import dev.hookverify.servlet.WebhookFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * The server of one request-path run, in its own JVM so that its CPU time is its own: Jetty on
 * loopback with the endpoint's servlet at {@value #PATH}, behind the shipped {@link WebhookFilter}
 * configured for one {@link Scenario} (nothing in front of it for {@link Scenario#BARE}), and the
 * embedded PostgreSQL server where the scenario needs one. Jetty's {@link StatisticsHandler} wraps
 * every scenario alike and counts the answers by status class.
 *
 * <p>Run by {@link RequestPathRun}: {@code RequestPathServer SCENARIO VERIFICATION_KEY_FILE}. It
 * prints {@code ready PORT POSTMASTER_PID} (0 without PostgreSQL), then answers commands on
 * standard input: {@code counters} prints one JSON line of counters; {@code stop}, or the end of
 * input, stops everything it started and exits.
 */
public final class RequestPathServer {
  /** The endpoint's path, as the sender posts to it. */
  static final String PATH = "/webhooks/stripe";

  /** The same servlet without a filter, in every scenario: the paired windows measure it. */
  static final String BARE_PATH = "/bare";

  private final Scenario scenario;
  private final LongAdder handled = new LongAdder();
  private final StatisticsHandler statistics = new StatisticsHandler();
  private final Server server = new Server();
  private EmbeddedPostgres postgres;
  private HikariDataSource pool;
  private LongSupplier stored = () -> 0;
  private boolean stopped;

  private RequestPathServer(Scenario scenario) {
    this.scenario = scenario;
  }

  public static void main(String[] args) throws Exception {
    Scenario scenario = Scenario.valueOf(args[0]);
    String key = Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII).strip();
    RequestPathServer receiver = new RequestPathServer(scenario);
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::stop)); // SIGTERM from the driver
    int port = receiver.start(key);
    System.out.println("ready " + port + " " + receiver.postmasterPid());
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line; (line = commands.readLine()) != null && !line.equals("stop"); ) {
      if (line.equals("counters")) {
        System.out.println(receiver.counters());
      }
    }
    receiver.stop();
    System.exit(0);
  }

  private int start(String verificationKey) throws Exception {
    WebhookVerifier verifier =
        Providers.byName("stripe").verifier(List.of(verificationKey)).build();
    ServletContextHandler context = new ServletContextHandler();
    WebhookFilter filter = filter(verifier);
    if (filter != null) {
      context.addFilter(new FilterHolder(filter), PATH, EnumSet.of(DispatcherType.REQUEST));
    }
    ServletHolder endpoint = new ServletHolder(new Endpoint());
    context.addServlet(endpoint, PATH);
    context.addServlet(endpoint, BARE_PATH);
    statistics.setHandler(context);
    server.setHandler(statistics);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.start();
    return connector.getLocalPort();
  }

  /** The filter of this scenario; null for the bare endpoint. */
  private WebhookFilter filter(WebhookVerifier verifier) throws Exception {
    switch (scenario) {
      case BARE:
        return null;
      case VERIFY:
        return WebhookFilter.of(verifier);
      case MEMORY_CLAIM:
        // Room for every delivery of the run: a full store would answer differently.
        InMemoryIdempotencyStore memory = new InMemoryIdempotencyStore(4_000_000);
        stored = memory::size;
        return WebhookFilter.of(IdempotentVerifier.builder(verifier, memory).build());
      case POSTGRES_CLAIM:
        startPostgres();
        JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(pool).build();
        execute(store.createTableSql());
        stored = () -> count("SELECT count(*) FROM hookverify_delivery");
        return WebhookFilter.of(IdempotentVerifier.builder(verifier, store).build());
      case INBOX:
        startPostgres();
        DeliveryInbox inbox = DeliveryInbox.builder(pool).build(); // no workers: acceptance only
        execute(inbox.createTableSql());
        stored = () -> count("SELECT count(*) FROM hookverify_inbox");
        return WebhookFilter.of(InboxVerifier.builder(verifier, inbox).build());
      default:
        throw new IllegalArgumentException(scenario.name());
    }
  }

  private void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgres.getPostgresDatabase());
    config.setMaximumPoolSize(16); // one connection per load-generator connection
    config.setMinimumIdle(16);
    pool = new HikariDataSource(config);
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting stored deliveries failed", e);
    }
  }

  /** The PostgreSQL server's main process (a backend's parent); 0 without PostgreSQL. */
  private long postmasterPid() throws SQLException {
    if (pool == null) {
      return 0;
    }
    long backend = count("SELECT pg_backend_pid()");
    return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).orElseThrow().pid();
  }

  /**
   * The counters, as one JSON line: answers by status class (Jetty's), requests the servlet
   * handled, and deliveries the store or inbox holds.
   */
  private String counters() {
    return String.format(
        "{\"responses\":%d,\"2xx\":%d,\"3xx\":%d,\"4xx\":%d,\"5xx\":%d,\"failures\":%d,"
            + "\"handled\":%d,\"stored\":%d}",
        statistics.getRequestTotal(),
        statistics.getResponses2xx(),
        statistics.getResponses3xx(),
        statistics.getResponses4xx(),
        statistics.getResponses5xx(),
        statistics.getFailures(),
        handled.sum(),
        stored.getAsLong());
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.stop();
    } catch (Exception e) {
      e.printStackTrace();
    }
    if (pool != null) {
      pool.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        e.printStackTrace();
      }
    }
  }

  /**
   * The endpoint's servlet in every scenario: reads the whole body (from the network, or the
   * filter's verified copy) and answers 204.
   */
  private final class Endpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      req.getInputStream().readAllBytes();
      handled.increment();
      resp.setStatus(204);
    }
  }
}
