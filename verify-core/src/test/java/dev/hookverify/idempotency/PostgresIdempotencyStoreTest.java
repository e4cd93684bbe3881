package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.Signing.MutableClock;
import dev.hookverify.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC store against a real PostgreSQL server, in both dialects: PostgreSQL 14 here, 17 in
 * {@link Postgres17IdempotencyStoreTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIdempotencyStoreTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
  DataSource dataSource;
  JdbcIdempotencyStore postgres;
  JdbcIdempotencyStore standard;

  /** The server the whole class runs on. */
  PostgresServer.Version version() {
    return PostgresServer.Version.V14;
  }

  @BeforeAll
  void createTables() throws Exception {
    // A pool, as applications use: a new PostgreSQL connection costs tens of milliseconds, which
    // the contract's 1,200 concurrent claims would otherwise spend connecting.
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(PostgresServer.dataSource(version()));
    pool.setMaximumPoolSize(IdempotencyStoreContract.THREADS);
    dataSource = new HikariDataSource(pool);
    postgres = JdbcIdempotencyStore.builder(dataSource).clock(clock).build();
    standard =
        JdbcIdempotencyStore.builder(dataSource)
            .dialect(JdbcIdempotencyStore.Dialect.STANDARD)
            .table("hookverify_delivery_std")
            .clock(clock)
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(postgres.createTableSql());
      s.execute("DROP TABLE IF EXISTS hookverify_delivery_std");
      s.execute(standard.createTableSql());
    }
  }

  @AfterAll
  void closePool() {
    ((HikariDataSource) dataSource).close();
  }

  @Test
  void server_isTheVersionUnderTest() {
    String server = PostgresServer.serverVersion(dataSource);
    // One line per class in the build log: the proof of which server the contract ran on.
    System.out.println(getClass().getSimpleName() + ": " + server);
    assertThat(server).startsWith("PostgreSQL " + version().major() + ".");
  }

  abstract class Contract extends IdempotencyStoreContract {
    @Override
    Duration lease() {
      return Duration.ofMinutes(5);
    }

    @Override
    void advancePast(Duration d) {
      clock.advance(d.plusMillis(1));
    }
  }

  @Nested
  class PostgresDialect extends Contract {
    @Override
    IdempotencyStore store() {
      return postgres;
    }
  }

  @Nested
  class StandardDialect extends Contract {
    @Override
    IdempotencyStore store() {
      return standard;
    }
  }

  /**
   * Under a key column that compares case-insensitively (MySQL's and SQL Server's default
   * collations; here PostgreSQL's ICU equivalent) {@code evt_Case} and {@code evt_case} collide.
   * The second, a different delivery, must not be answered as a duplicate (acknowledged and never
   * processed): it is a store failure, so the sender retries and the operator sees it.
   */
  @Test
  void standard_keyCollidingOnlyUnderTheColumnsCollation_isAFailureNotADuplicate()
      throws Exception {
    JdbcIdempotencyStore folding =
        JdbcIdempotencyStore.builder(dataSource)
            .dialect(JdbcIdempotencyStore.Dialect.STANDARD)
            .table("hookverify_delivery_ci")
            .clock(clock)
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS hookverify_delivery_ci");
      s.execute(folding.createTableSql());
      s.execute(
          "DO $$ BEGIN CREATE COLLATION hv_store_case_insensitive"
              + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
              + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      s.execute(
          "ALTER TABLE hookverify_delivery_ci ALTER COLUMN delivery_key TYPE VARCHAR(320)"
              + " COLLATE hv_store_case_insensitive");
    }
    Claim upper = folding.claim(DeliveryKey.of("stripe", "evt_Case"), Duration.ofMinutes(5));
    assertThat(upper.outcome()).isEqualTo(ClaimOutcome.NEW);
    folding.complete(upper, Duration.ofDays(1));
    assertThatThrownBy(
            () -> folding.claim(DeliveryKey.of("stripe", "evt_case"), Duration.ofMinutes(5)))
        .isInstanceOf(IdempotencyStoreException.class);
    assertThat(folding.claim(DeliveryKey.of("stripe", "evt_Case"), Duration.ofMinutes(5)).outcome())
        .isEqualTo(ClaimOutcome.COMPLETED); // a true replay still is a duplicate
  }

  @Test
  void createTableSql_schemaQualifiedTable_runsAndWorks() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS hv_store_schema CASCADE");
      s.execute("CREATE SCHEMA hv_store_schema");
      for (JdbcIdempotencyStore.Dialect dialect : JdbcIdempotencyStore.Dialect.values()) {
        JdbcIdempotencyStore qualified =
            JdbcIdempotencyStore.builder(dataSource)
                .dialect(dialect)
                .table("hv_store_schema.deliveries_" + dialect.name().toLowerCase())
                .clock(clock)
                .build();
        s.execute(qualified.createTableSql()); // PostgreSQL refused "INDEX ... hv_store_schema.x"
        DeliveryKey key = DeliveryKey.of("stripe", "evt_schema");
        assertThat(qualified.claim(key, Duration.ofMinutes(5)).outcome())
            .isEqualTo(ClaimOutcome.NEW);
      }
      s.execute("DROP SCHEMA hv_store_schema CASCADE");
    }
  }

  @Test
  void table_keepsTheProcessingRecord() throws Exception {
    DeliveryKey key = DeliveryKey.of("stripe", "evt_record");
    Claim claim = postgres.claim(key, Duration.ofMinutes(5));
    Instant claimedAt = clock.instant();
    clock.advance(Duration.ofSeconds(3));
    postgres.complete(claim, Duration.ofDays(3));
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT provider, status, claimed_at, completed_at, expires_at"
                    + " FROM hookverify_delivery WHERE delivery_key = 'stripe:evt_record'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("provider")).isEqualTo("stripe");
      assertThat(rs.getString("status")).isEqualTo("COMPLETED");
      assertThat(rs.getObject("claimed_at", java.time.OffsetDateTime.class).toInstant())
          .isEqualTo(claimedAt);
      assertThat(rs.getObject("completed_at", java.time.OffsetDateTime.class).toInstant())
          .isEqualTo(clock.instant());
      assertThat(rs.getObject("expires_at", java.time.OffsetDateTime.class).toInstant())
          .isEqualTo(clock.instant().plus(Duration.ofDays(3)));
    }
  }

  @Test
  void purgeExpired_deletesOnlyExpiredRows() throws Exception {
    JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).clock(clock).build();
    DeliveryKey live = DeliveryKey.of("purge", "live");
    DeliveryKey dead = DeliveryKey.of("purge", "dead");
    store.claim(dead, Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    store.claim(live, Duration.ofMinutes(5));
    assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(1);
    assertThat(store.claim(live, Duration.ofMinutes(5)).outcome())
        .isEqualTo(ClaimOutcome.IN_PROGRESS);
    assertThat(store.claim(dead, Duration.ofMinutes(5)).isWon()).isTrue();
  }

  @Test
  void createTableSql_usesTheConfiguredTable() {
    assertThat(
            JdbcIdempotencyStore.builder(dataSource)
                .table("app.webhook_claims")
                .build()
                .createTableSql())
        .contains("CREATE TABLE IF NOT EXISTS app.webhook_claims")
        .doesNotContain("hookverify_delivery ");
  }

  @Test
  void claim_unreachableDatabase_isAStoreFailure() {
    DataSource nowhere =
        (DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("getConnection")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  return java.sql.DriverManager.getConnection(
                      "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "postgres", "");
                });
    JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(nowhere).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> store.claim(DeliveryKey.of("p", "k"), Duration.ofMinutes(1)))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining("SQLState");
  }
}
