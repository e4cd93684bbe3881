package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Expiry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * An {@link IdempotencyStore} in a relational database, shared by every instance of a receiver, on
 * {@code java.sql} alone. Its table doubles as the processing record receivers keep by hand: key,
 * provider, status, claimed and completed times.
 *
 * <p>The table's DDL ships as {@code dev/hookverify/idempotency/postgresql.sql} and {@code
 * standard.sql} on the class path, also returned by {@link #createTableSql()} (with the configured
 * table name); run it once with your migrations. Expired rows are taken over by the next claim;
 * {@link #purgeExpired()} deletes them in bulk if you want the table small.
 *
 * <p>With {@link Dialect#POSTGRESQL} a claim is one round trip: an {@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE expired} whose outcome and the existing row's status come back from the same
 * statement. {@link Dialect#STANDARD} needs one round trip for a new key and up to three for a held
 * one (insert, take over if expired, read the status).
 *
 * <p>Times come from the injected {@link Clock}, so every instance's clock must be synchronized
 * (NTP). A lease or retention longer than 100 years is kept for 100 years, and no expiry is written
 * past 9999-12-31T23:59:59Z, the last second every SQL timestamp type holds: a huge retention is
 * stored as "for good", never as an out-of-range value that fails every completion.
 *
 * <p>Thread-safe; each call borrows a connection from the {@link DataSource} and returns it.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {
  /** The SQL a database understands. */
  public enum Dialect {
    /** PostgreSQL 9.5 or later: {@code ON CONFLICT}, one round trip per claim. */
    POSTGRESQL("postgresql.sql"),
    /** Any database with standard SQL and unique-key violations reported as SQLState 23xxx. */
    STANDARD("standard.sql");

    private final String ddlResource;

    Dialect(String ddlResource) {
      this.ddlResource = ddlResource;
    }
  }

  private static final String DEFAULT_TABLE = "hookverify_delivery";
  private static final int CLAIM_ATTEMPTS = 3;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final Clock clock;
  private final int queryTimeoutSeconds;
  private final String claimSql;
  private final String insertSql;
  private final String takeOverSql;
  private final String statusSql;
  private final String completeSql;
  private final String releaseSql;
  private final String purgeSql;

  private JdbcIdempotencyStore(Builder b) {
    this.dataSource = b.dataSource;
    this.dialect = b.dialect;
    this.table = b.table;
    this.clock = b.clock;
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
    String columns =
        "(delivery_key, provider, status, claim_token, claimed_at, completed_at, expires_at)";
    this.insertSql =
        "INSERT INTO " + table + " " + columns + " VALUES (?, ?, 'IN_PROGRESS', ?, ?, NULL, ?)";
    this.claimSql =
        "WITH attempt AS ("
            + "INSERT INTO "
            + table
            + " AS d "
            + columns
            + " VALUES (?, ?, 'IN_PROGRESS', ?, ?, NULL, ?)"
            + " ON CONFLICT (delivery_key) DO UPDATE SET provider = EXCLUDED.provider,"
            + " status = 'IN_PROGRESS', claim_token = EXCLUDED.claim_token,"
            + " claimed_at = EXCLUDED.claimed_at, completed_at = NULL,"
            + " expires_at = EXCLUDED.expires_at"
            + " WHERE d.expires_at <= EXCLUDED.claimed_at"
            + " RETURNING CAST('NEW' AS VARCHAR(16)) AS outcome)"
            + " SELECT outcome FROM attempt"
            + " UNION ALL SELECT status FROM "
            + table
            + " WHERE delivery_key = ? AND NOT EXISTS (SELECT 1 FROM attempt)";
    this.takeOverSql =
        "UPDATE "
            + table
            + " SET provider = ?, status = 'IN_PROGRESS', claim_token = ?,"
            + " claimed_at = ?, completed_at = NULL, expires_at = ?"
            + " WHERE delivery_key = ? AND expires_at <= ?";
    this.statusSql =
        "SELECT delivery_key, status FROM " + table + " WHERE delivery_key = ? AND expires_at > ?";
    this.completeSql =
        "UPDATE "
            + table
            + " SET status = 'COMPLETED', completed_at = ?, expires_at = ?"
            + " WHERE delivery_key = ? AND claim_token = ? AND status = 'IN_PROGRESS'";
    this.releaseSql =
        "DELETE FROM "
            + table
            + " WHERE delivery_key = ? AND claim_token = ? AND status = 'IN_PROGRESS'";
    this.purgeSql = "DELETE FROM " + table + " WHERE expires_at <= ?";
  }

  /** A builder for a store on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * The DDL that creates this store's table and index, for its dialect and table name (the index is
   * named after the table without its schema: SQL refuses a schema-qualified index name).
   */
  public String createTableSql() {
    String resource = "/dev/hookverify/idempotency/" + dialect.ddlResource;
    String ddl;
    try (InputStream in = JdbcIdempotencyStore.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String unqualified = table.substring(table.indexOf('.') + 1);
    String index = DEFAULT_TABLE + "_expires_at";
    return ddl.replace(index, unqualified + "_expires_at").replace(DEFAULT_TABLE, table);
  }

  @Override
  public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
    requireNonNull(key, "key");
    Duration lease = Expiry.capped(ttl, "ttl"); // refused before the database is asked
    try (Connection c = dataSource.getConnection()) {
      for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        Instant now = clock.instant();
        Instant expires = Expiry.after(now, lease, "ttl");
        String token = Claim.newToken();
        ClaimOutcome outcome =
            dialect == Dialect.POSTGRESQL
                ? claimPostgres(c, key, token, now, expires)
                : claimStandard(c, key, token, now, expires);
        commit(c);
        if (outcome == ClaimOutcome.NEW) {
          return Claim.won(key, token);
        }
        if (outcome != null) {
          return Claim.lost(key, outcome);
        }
        // The row changed between our statements (a concurrent release or take-over): again.
      }
      throw new IdempotencyStoreException(
          "claim did not settle after " + CLAIM_ATTEMPTS + " tries");
    } catch (SQLException e) {
      throw failure("claim", e);
    }
  }

  private ClaimOutcome claimPostgres(
      Connection c, DeliveryKey key, String token, Instant now, Instant expires)
      throws SQLException {
    try (PreparedStatement s = prepare(c, claimSql)) {
      s.setString(1, key.value());
      s.setString(2, key.provider());
      s.setString(3, token);
      s.setObject(4, utc(now));
      s.setObject(5, utc(expires));
      s.setString(6, key.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? ClaimOutcome.valueOf(rs.getString(1)) : null;
      }
    }
  }

  private ClaimOutcome claimStandard(
      Connection c, DeliveryKey key, String token, Instant now, Instant expires)
      throws SQLException {
    try (PreparedStatement s = prepare(c, insertSql)) {
      s.setString(1, key.value());
      s.setString(2, key.provider());
      s.setString(3, token);
      s.setObject(4, utc(now));
      s.setObject(5, utc(expires));
      s.executeUpdate();
      return ClaimOutcome.NEW;
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
      rollback(c);
    }
    try (PreparedStatement s = prepare(c, takeOverSql)) {
      s.setString(1, key.provider());
      s.setString(2, token);
      s.setObject(3, utc(now));
      s.setObject(4, utc(expires));
      s.setString(5, key.value());
      s.setObject(6, utc(now));
      if (s.executeUpdate() == 1) {
        return ClaimOutcome.NEW;
      }
    }
    try (PreparedStatement s = prepare(c, statusSql)) {
      s.setString(1, key.value());
      s.setObject(2, utc(now));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        // A column that compares case-insensitively (MySQL's and SQL Server's default collations)
        // matches another delivery's key: answering its status would drop this delivery unseen.
        if (!key.value().equals(rs.getString(1))) {
          throw new SQLException(
              "delivery_key matched a different key: give the column a binary collation");
        }
        return ClaimOutcome.valueOf(rs.getString(2));
      }
    }
  }

  @Override
  public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
    Instant now = clock.instant();
    Instant expires = Expiry.after(now, retention, "retention");
    update("complete", completeSql, utc(now), utc(expires), claim.key().value(), claim.token());
  }

  @Override
  public void release(Claim claim) throws IdempotencyStoreException {
    update("release", releaseSql, claim.key().value(), claim.token());
  }

  /**
   * Deletes every expired row.
   *
   * @return how many rows were deleted
   * @throws IdempotencyStoreException if the database fails
   */
  public int purgeExpired() throws IdempotencyStoreException {
    return update("purge", purgeSql, utc(clock.instant()));
  }

  private int update(String what, String sql, Object... parameters)
      throws IdempotencyStoreException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      int rows = s.executeUpdate();
      commit(c);
      return rows;
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    s.setQueryTimeout(queryTimeoutSeconds);
    return s;
  }

  private static void commit(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  private static void rollback(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  private static boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static IdempotencyStoreException failure(String what, SQLException e) {
    return new IdempotencyStoreException(
        "idempotency " + what + " failed (SQLState " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "JdbcIdempotencyStore{" + dialect + ", " + table + "}";
  }

  /** Builds a {@link JdbcIdempotencyStore}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect = Dialect.POSTGRESQL;
    private String table = DEFAULT_TABLE;
    private Clock clock = Clock.systemUTC();
    private int queryTimeoutSeconds = 5;

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The database's SQL; default {@link Dialect#POSTGRESQL}. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /** The table, optionally schema-qualified; default {@code hookverify_delivery}. */
    public Builder table(String table) {
      requireNonNull(table, "table");
      if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
        throw new IllegalArgumentException("table must be a plain SQL identifier");
      }
      this.table = table;
      return this;
    }

    /** The clock claims and expiries are timed by; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long one statement may run before it fails (and the delivery is rejected, to be retried);
     * default 5 seconds.
     */
    public Builder queryTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.getSeconds() < 1) {
        throw new IllegalArgumentException("query timeout must be at least 1 second");
      }
      this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds());
      return this;
    }

    /** The store. */
    public JdbcIdempotencyStore build() {
      return new JdbcIdempotencyStore(this);
    }
  }
}
