package dev.hookverify.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The receiver a user would run: Jetty on loopback, the shipped {@link WebhookFilter} in front of
 * each provider's path, the JDBC store on a real PostgreSQL server behind a connection pool, and a
 * handler that records what it processed (and fails on purpose the first time it sees a delivery
 * marked to fail).
 */
final class Receiver {
  /**
   * The delivery number every test body carries: {@code "n":123} in JSON, {@code N=123} in forms.
   */
  private static final Pattern NUMBER = Pattern.compile("(?:\"n\":|\\bN=)(\\d+)");

  private static final Pattern FAIL = Pattern.compile("\"fail\":true|\\bFail=1");

  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;
  private final Server server;
  private final URI base;
  private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> processed = new ConcurrentHashMap<>();

  Receiver(Map<Provider, List<String>> verificationKeys) throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgres.getPostgresDatabase());
    config.setMaximumPoolSize(16);
    pool = new HikariDataSource(config);
    JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(pool).build();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(store.createTableSql());
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
                        IdempotentVerifier.builder(provider.verifier(keys).build(), store)
                            .build())),
                "/webhooks/" + provider.name(),
                EnumSet.of(DispatcherType.REQUEST)));
    context.addServlet(new ServletHolder(new Handler()), "/webhooks/*");
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/");
  }

  /** The URL the sender posts {@code provider}'s deliveries to (and signs, where it is signed). */
  String endpoint(Provider provider) {
    return base.resolve(provider.name()).toString();
  }

  /** How many times the handler completed delivery {@code n}. */
  int processed(int n) {
    AtomicInteger count = processed.get(n);
    return count == null ? 0 : count.get();
  }

  /** How many times the handler was entered for delivery {@code n}, failures included. */
  int attempts(int n) {
    AtomicInteger count = attempts.get(n);
    return count == null ? 0 : count.get();
  }

  /** Rows of the idempotency table by status, read from PostgreSQL itself. */
  Map<String, Integer> storedStatuses() throws SQLException {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT status, count(*) FROM hookverify_delivery GROUP BY status")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  void stop() throws Exception {
    try {
      server.stop();
    } finally {
      pool.close();
      postgres.close();
    }
  }

  /** The application's handler: runs only for verified, claimed deliveries. */
  private final class Handler extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
      VerifiedWebhook webhook = (VerifiedWebhook) req.getAttribute(VerifiedWebhook.class.getName());
      String body = webhook.bodyAsString();
      Matcher number = NUMBER.matcher(body);
      if (!number.find()) {
        throw new IllegalStateException("a verified body without a delivery number");
      }
      int n = Integer.parseInt(number.group(1));
      int attempt = attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
      if (attempt == 1 && FAIL.matcher(body).find()) {
        throw new IllegalStateException("handler failed on purpose"); // 500; the claim is released
      }
      processed.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
      resp.setStatus(204);
    }
  }
}
