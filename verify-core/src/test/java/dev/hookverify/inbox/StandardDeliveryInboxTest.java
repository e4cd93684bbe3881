package dev.hookverify.inbox;

import static dev.hookverify.Signing.utf8;
import static dev.hookverify.inbox.Deliveries.standard;
import static dev.hookverify.inbox.Deliveries.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

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

  /**
   * A database whose key column compares case-insensitively (MySQL's and SQL Server's default
   * collations; here PostgreSQL's ICU equivalent) holds {@code msg_Case} and {@code msg_case} as
   * one key. The second delivery must not be called a duplicate (acknowledged, never stored): it is
   * a failure, so the sender retries and the operator sees it.
   */
  @Test
  void accept_keyCollidingOnlyUnderTheColumnsCollation_isAFailureNotADuplicate() throws Exception {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN CREATE COLLATION hv_case_insensitive"
              + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
              + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      s.execute(
          "ALTER TABLE "
              + table
              + " ALTER COLUMN delivery_key TYPE VARCHAR(320) COLLATE hv_case_insensitive");
    }
    VerifiedWebhook upper = verified(STANDARD, standard("msg_Case", 1L, utf8("{\"n\":1}")));
    VerifiedWebhook lower = verified(STANDARD, standard("msg_case", 1L, utf8("{\"n\":2}")));
    assertThat(inbox.accept(upper)).isEqualTo(Acceptance.ACCEPTED);
    assertThatThrownBy(() -> inbox.accept(lower)).isInstanceOf(InboxException.class);
    assertThat(inbox.accept(upper)).isEqualTo(Acceptance.DUPLICATE); // a true replay still is
    assertThat(rows("1 = 1")).isEqualTo(1);
  }
}
