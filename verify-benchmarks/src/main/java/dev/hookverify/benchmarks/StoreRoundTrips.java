package dev.hookverify.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.inbox.DeliveryInbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;
import redis.embedded.RedisServer;

/**
 * Counts what each store operation sends PostgreSQL, from the driver's own protocol trace: round
 * trips (a {@code Sync} is one: the driver waits for the server's answer to it) and statements
 * executed ({@code Execute} messages). The evidence behind the store benchmarks' ratios.
 *
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar
 * dev.hookverify.benchmarks.StoreRoundTrips}
 */
public final class StoreRoundTrips {
  private static final int SERVER_TIMED = 2_000;
  private static final AtomicInteger SYNCS = new AtomicInteger();
  private static final AtomicInteger EXECUTES = new AtomicInteger();

  private StoreRoundTrips() {}

  public static void main(String[] args) throws Exception {
    Logger driver = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    driver.setLevel(Level.FINEST);
    driver.setUseParentHandlers(false);
    driver.addHandler(new Counter());
    try (EmbeddedPostgres postgres =
            StoreServers.startPostgres(
                Map.of(
                    "shared_preload_libraries",
                    "pg_stat_statements",
                    "pg_stat_statements.track_planning",
                    "on"));
        HikariDataSource pool = StoreServers.pool(postgres)) {
      JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(pool).build();
      StoreServers.execute(pool, store.createTableSql());
      DeliveryInbox inbox = DeliveryInbox.builder(pool).build();
      StoreServers.execute(pool, inbox.createTableSql());
      System.out.println("postgresql: " + query(pool, "SELECT version()"));
      System.out.println(
          "postgresql settings: synchronous_commit="
              + query(pool, "SHOW synchronous_commit")
              + ", fsync="
              + query(pool, "SHOW fsync"));
      var webhooks = InboxBenchmark.verified(SERVER_TIMED + 50);
      int[] n = {0};
      count(
          "JdbcIdempotencyStore.claim (new key)",
          () -> store.claim(DeliveryKey.of("rt", "k" + n[0]++), Duration.ofMinutes(5)));
      count(
          "floor: INSERT ... ON CONFLICT DO NOTHING",
          () -> PostgresStoreBenchmark.insert(pool, "rt:f" + n[0]++));
      count("DeliveryInbox.accept (new delivery)", () -> inbox.accept(webhooks[n[0]++]));
      count("floor: INSERT of the inbox row", () -> InboxBenchmark.insert(pool, webhooks[n[0]++]));
      serverTimes(pool, store, inbox, webhooks);
    }
    for (RedisStoreBenchmark.Redis version : RedisStoreBenchmark.Redis.values()) {
      RedisServer server = StoreServers.startRedis(version);
      int port = server.ports().get(0);
      try (Jedis jedis = new Jedis("127.0.0.1", port);
          JedisPooled pooled = new JedisPooled("127.0.0.1", port)) {
        String info = jedis.info("server");
        System.out.println("redis " + version + ": " + field(info, "redis_version"));
        // The server's own time per command (INFO commandstats), apart from the round trip.
        RedisIdempotencyStore store = new RedisIdempotencyStore(pooled::eval);
        for (int i = 0; i < SERVER_TIMED; i++) { // warm: the script compiled, the dict grown
          store.claim(DeliveryKey.of("warm", "k" + i), Duration.ofMinutes(5));
          pooled.set(
              "warm:f" + i, "p:AAAAAAAAAAAAAAAAAAAAAA", SetParams.setParams().nx().px(300_000));
        }
        jedis.configResetStat();
        for (int i = 0; i < SERVER_TIMED; i++) {
          pooled.set(
              "st:f" + i, "p:AAAAAAAAAAAAAAAAAAAAAA", SetParams.setParams().nx().px(300_000));
        }
        String floor = field(jedis.info("commandstats"), "cmdstat_set");
        jedis.configResetStat();
        for (int i = 0; i < SERVER_TIMED; i++) {
          store.claim(DeliveryKey.of("st", "k" + i), Duration.ofMinutes(5));
        }
        String stats = jedis.info("commandstats");
        System.out.printf(
            "redis server time %s: floor SET NX PX: %s; claim: EVAL %s, of which its SET %s%n",
            version, floor, field(stats, "cmdstat_eval"), field(stats, "cmdstat_set"));
      } finally {
        server.stop();
      }
    }
  }

  /**
   * The server's own execution time per statement (pg_stat_statements), over {@value #SERVER_TIMED}
   * operations of each kind: what the database spends, apart from the round trip.
   */
  private static void serverTimes(
      HikariDataSource pool,
      JdbcIdempotencyStore store,
      DeliveryInbox inbox,
      VerifiedWebhook[] webhooks)
      throws Exception {
    StoreServers.execute(pool, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    StoreServers.execute(pool, "TRUNCATE hookverify_delivery, hookverify_inbox");
    StoreServers.execute(pool, "SELECT pg_stat_statements_reset()");
    for (int i = 0; i < SERVER_TIMED; i++) {
      store.claim(DeliveryKey.of("st", "k" + i), Duration.ofMinutes(5));
      PostgresStoreBenchmark.insert(pool, "st:f" + i);
      inbox.accept(webhooks[i]);
    }
    StoreServers.execute(pool, "TRUNCATE hookverify_inbox");
    for (int i = 0; i < SERVER_TIMED; i++) {
      InboxBenchmark.insert(pool, webhooks[i]);
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT calls, mean_exec_time, query, plans, mean_plan_time FROM pg_stat_statements"
                    + " WHERE calls >= "
                    + SERVER_TIMED
                    + " ORDER BY query")) {
      while (rs.next()) {
        String sql = rs.getString(3).replaceAll("\\s+", " ");
        System.out.printf(
            Locale.ROOT,
            "server time: %.1f µs executing (mean over %d calls), %.1f µs planning (mean over %d"
                + " plans): `%s`%n",
            rs.getDouble(2) * 1000,
            rs.getLong(1),
            rs.getDouble(5) * 1000,
            rs.getLong(4),
            sql.length() > 90 ? sql.substring(0, 90) + "..." : sql);
      }
    }
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "absent";
  }

  private static String query(HikariDataSource pool, String sql) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void count(String what, Op op) throws Exception {
    for (int i = 0; i < 10; i++) { // past the driver's switch to server-prepared statements
      op.run();
    }
    SYNCS.set(0);
    EXECUTES.set(0);
    op.run();
    System.out.printf(
        "round trips: %s: %d round trip(s) (Sync), %d statement(s) (Execute)%n",
        what, SYNCS.get(), EXECUTES.get());
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  private static final class Counter extends Handler {
    @Override
    public void publish(LogRecord r) {
      String m = r.getMessage();
      if (m == null) {
        return;
      }
      if (m.startsWith(" FE=> Sync")) {
        SYNCS.incrementAndGet();
      } else if (m.contains("FE=> Execute")) {
        EXECUTES.incrementAndGet();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
