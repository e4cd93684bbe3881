package dev.hookverify.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A claim in the PostgreSQL store against its floor, through one HikariCP pool of 2 connections on
 * an embedded PostgreSQL 14: {@code HOOKVERIFY} is {@link JdbcIdempotencyStore#claim} of a key
 * never claimed (a won claim: the store's one statement, {@code INSERT ... ON CONFLICT DO UPDATE
 * ... WHERE expired} with the outcome read back); {@code FLOOR} is one bare {@code INSERT ... ON
 * CONFLICT DO NOTHING} of the same row (same columns, a token of the same length, the same
 * timestamps) with {@code executeUpdate}. Both borrow a connection, prepare (the driver caches the
 * server-side statement per connection), execute and return it. Keys come from a counter, so every
 * operation is a first claim; the table is truncated before each iteration.
 *
 * <p>Sample time: {@code StoreReport} compares the medians, which a few operations delayed by other
 * processes on a shared machine do not move.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar PostgresStoreBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostgresStoreBenchmark {
  /** Who claims. */
  public enum Implementation {
    HOOKVERIFY,
    FLOOR
  }

  private static final String TABLE = "hookverify_delivery";
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final String FLOOR_TOKEN = "AAAAAAAAAAAAAAAAAAAAAA"; // a token's 22 characters
  private static final String FLOOR_SQL =
      "INSERT INTO "
          + TABLE
          + " (delivery_key, provider, status, claim_token, claimed_at, completed_at, expires_at)"
          + " VALUES (?, ?, 'IN_PROGRESS', ?, ?, NULL, ?) ON CONFLICT DO NOTHING";

  @Param public Implementation implementation;

  private final AtomicLong counter = new AtomicLong();
  private EmbeddedPostgres postgres;
  private HikariDataSource pool;
  private JdbcIdempotencyStore store;
  private Claimant claimant;

  @Setup(Level.Trial)
  public void startServer() {
    postgres = StoreServers.startPostgres();
    pool = StoreServers.pool(postgres);
    store = JdbcIdempotencyStore.builder(pool).table(TABLE).build();
    StoreServers.execute(pool, store.createTableSql());
    claimant =
        switch (implementation) {
          case HOOKVERIFY -> this::storeClaim;
          case FLOOR -> this::insert;
        };
  }

  /** Every iteration starts from an empty table: the index does not grow from one to the next. */
  @Setup(Level.Iteration)
  public void emptyTable() {
    StoreServers.execute(pool, "TRUNCATE " + TABLE);
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    StoreServers.stop(pool, postgres);
  }

  @Benchmark
  public Object claim() throws Exception {
    return claimant.claim();
  }

  private Object storeClaim() throws Exception {
    return store.claim(DeliveryKey.of("bench", Long.toString(counter.incrementAndGet())), LEASE);
  }

  private Object insert() throws SQLException {
    return insert(pool, "bench:" + counter.incrementAndGet());
  }

  /** The floor: the same row, one statement, no outcome read back. */
  static int insert(DataSource pool, String key) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(FLOOR_SQL)) {
      s.setString(1, key);
      s.setString(2, "bench");
      s.setString(3, FLOOR_TOKEN);
      s.setObject(4, now);
      s.setObject(5, now.plus(LEASE));
      return s.executeUpdate();
    }
  }

  /** One operation, chosen in {@code startServer} so the measured method does not branch. */
  @FunctionalInterface
  interface Claimant {
    Object claim() throws Exception;
  }
}
