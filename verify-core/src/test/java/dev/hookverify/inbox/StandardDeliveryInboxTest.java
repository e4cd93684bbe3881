package dev.hookverify.inbox;

import dev.hookverify.testing.PostgresServer;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The inbox contract in the standard dialect, run on PostgreSQL: portable statements only, the
 * standard DDL as shipped. PostgreSQL names the binary type {@code BYTEA}, so the test gives it the
 * standard name {@code BLOB} first, as a domain.
 */
class StandardDeliveryInboxTest extends DeliveryInboxContract {
  private static final DataSource POOL = TestPool.over(PostgresServer.dataSource());

  @Override
  DataSource dataSource() {
    return POOL;
  }

  @Override
  DeliveryInbox.Dialect dialect() {
    return DeliveryInbox.Dialect.STANDARD;
  }

  @Override
  void prepare(Statement s) throws SQLException {
    s.execute(
        "DO $$ BEGIN CREATE DOMAIN blob AS BYTEA;"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  }
}
