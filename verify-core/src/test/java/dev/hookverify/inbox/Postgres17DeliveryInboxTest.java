package dev.hookverify.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.testing.PostgresServer;
import dev.hookverify.testing.PostgresServer.Version;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The inbox contract on the embedded PostgreSQL 17 server, PostgreSQL dialect. */
class Postgres17DeliveryInboxTest extends DeliveryInboxContract {
  private static final DataSource POOL = TestPool.over(PostgresServer.dataSource(Version.V17));

  @Override
  DataSource dataSource() {
    return POOL;
  }

  @Override
  DeliveryInbox.Dialect dialect() {
    return DeliveryInbox.Dialect.POSTGRESQL;
  }

  @Test
  void server_isPostgres17() {
    assertThat(PostgresServer.serverVersion(dataSource())).startsWith("PostgreSQL 17.");
  }
}
