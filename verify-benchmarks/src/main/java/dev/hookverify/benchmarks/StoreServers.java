package dev.hookverify.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * The real servers the store benchmarks run against, started in a trial's setup and stopped in its
 * tear-down: an embedded PostgreSQL 14 (zonky's binaries, its default settings) behind a fixed-size
 * HikariCP pool, and a {@code redis-server} on loopback (6.2 from embedded-redis, or the machine's
 * 7.x at {@code /usr/bin/redis-server}).
 */
final class StoreServers {
  /** Connections in the pool, store and floor alike: one per benchmark thread, at most 2. */
  static final int POOL_SIZE = 2;

  private StoreServers() {}

  static EmbeddedPostgres startPostgres() {
    return startPostgres(Map.of());
  }

  /** A server with {@code settings} added to zonky's defaults. */
  static EmbeddedPostgres startPostgres(Map<String, String> settings) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      settings.forEach(builder::setServerConfig);
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
  }

  /** A HikariCP pool of {@link #POOL_SIZE} auto-commit connections to {@code postgres}. */
  static HikariDataSource pool(EmbeddedPostgres postgres) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  static void execute(HikariDataSource pool, String sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void stop(HikariDataSource pool, EmbeddedPostgres postgres) throws IOException {
    if (pool != null) {
      pool.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** A {@code redis-server} of {@code version} on a free loopback port; nothing persisted. */
  static RedisServer startRedis(RedisStoreBenchmark.Redis version) throws IOException {
    ExecutableProvider executable =
        version == RedisStoreBenchmark.Redis.V6_2
            ? ExecutableProvider.newJarResourceProvider()
            : () -> new File("/usr/bin/redis-server");
    RedisServer server =
        RedisServer.newRedisServer()
            .executableProvider(executable)
            .port(freePort())
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + Files.createTempDirectory("hookverify-bench-redis"))
            .build();
    server.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
