package dev.hookverify.idempotency;

import dev.hookverify.testing.PostgresServer;
import dev.hookverify.testing.RedisServers;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;

/** Hands the shared test servers to tests outside this package. */
public final class ExampleServers {
  private ExampleServers() {}

  public static DataSource postgres() {
    return PostgresServer.dataSource();
  }

  public static JedisPooled redis() {
    return RedisServers.client(RedisServers.Version.V6_2);
  }

  public static void createPostgresTable() throws Exception {
    try (Connection c = postgres().getConnection();
        Statement s = c.createStatement()) {
      s.execute(JdbcIdempotencyStore.builder(postgres()).build().createTableSql());
    }
  }
}
