package dev.hookverify.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.SignatureHeader;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.inbox.DeliveryInbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Inbox acceptance against its floor, through one HikariCP pool of 2 auto-commit connections on an
 * embedded PostgreSQL 14: {@code HOOKVERIFY} is {@link DeliveryInbox#accept} of a delivery never
 * seen (PostgreSQL dialect); {@code FLOOR} is one bare {@code INSERT} of the same row (the same
 * columns and values, the body's 256 bytes included) with {@code executeUpdate}, committed by
 * auto-commit. The deliveries are verified (GitHub's layout, each with its own body and delivery
 * id) and their keys computed in the trial's setup, not in the measured time; the table is
 * truncated before each iteration, so the same deliveries are new again.
 *
 * <p>Sample time: {@code StoreReport} compares the medians, which a few operations delayed by other
 * processes on a shared machine do not move.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar InboxBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InboxBenchmark {
  /** Who stores the delivery. */
  public enum Implementation {
    HOOKVERIFY,
    FLOOR
  }

  private static final String TABLE = "hookverify_inbox";
  // More than an iteration of 1 s can use at 2 threads (an insert takes tens of microseconds).
  private static final int DELIVERIES = 150_000;
  private static final byte[] SECRET = "inbox-benchmark-secret".getBytes(StandardCharsets.UTF_8);
  private static final String FLOOR_SQL =
      "INSERT INTO "
          + TABLE
          + " (delivery_key, provider, tenant, delivery_id, delivery_id_signed, key_id, signed_at,"
          + " received_at, content_type, headers, body, status, attempts, next_attempt_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";

  @Param public Implementation implementation;

  private final AtomicInteger next = new AtomicInteger();
  private EmbeddedPostgres postgres;
  private HikariDataSource pool;
  private DeliveryInbox inbox;
  private VerifiedWebhook[] deliveries;
  private Acceptor acceptor;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    postgres = StoreServers.startPostgres();
    pool = StoreServers.pool(postgres);
    inbox = DeliveryInbox.builder(pool).table(TABLE).build();
    StoreServers.execute(pool, inbox.createTableSql());
    deliveries = verified(DELIVERIES);
    acceptor =
        switch (implementation) {
          case HOOKVERIFY -> this::accept;
          case FLOOR -> this::insert;
        };
  }

  /** Every iteration starts from an empty table, so every delivery is new again. */
  @Setup(Level.Iteration)
  public void emptyTable() {
    StoreServers.execute(pool, "TRUNCATE " + TABLE);
    next.set(0);
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    StoreServers.stop(pool, postgres);
  }

  @Benchmark
  public Object accept() throws Exception {
    return acceptor.accept(deliveries[next.getAndIncrement()]);
  }

  private Object accept(VerifiedWebhook webhook) throws Exception {
    return inbox.accept(webhook);
  }

  private Object insert(VerifiedWebhook w) throws SQLException {
    return insert(pool, w);
  }

  /** The floor: the row accept stores, bound the same way, one plain INSERT. */
  static int insert(DataSource pool, VerifiedWebhook w) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(FLOOR_SQL)) {
      s.setString(1, w.deliveryKey().value());
      s.setString(2, w.provider());
      s.setString(3, w.tenant().orElse(null));
      s.setString(4, w.deliveryId().orElse(null));
      s.setBoolean(5, w.isDeliveryIdSigned());
      s.setString(6, w.keyId());
      s.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE); // GitHub signs no timestamp
      s.setObject(8, now);
      s.setString(9, w.contentType().orElse(null));
      s.setString(10, null);
      s.setBytes(11, w.body());
      s.setObject(12, now);
      return s.executeUpdate();
    }
  }

  /** {@code count} deliveries in GitHub's layout, each with its own id and body, verified. */
  static VerifiedWebhook[] verified(int count) throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder("github")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .deliveryId(DeliveryIdSource.header("X-GitHub-Delivery"))
            .build();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] padding = Fixture.body(256);
    VerifiedWebhook[] out = new VerifiedWebhook[count];
    for (int i = 0; i < count; i++) {
      byte[] body = padding.clone();
      byte[] id = String.format("%010d", i).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(id, 0, body, 8, id.length); // {"id":"<i>...: each body its own
      WebhookRequest request =
          WebhookRequest.builder()
              .header(
                  "X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
              .header("X-GitHub-Delivery", "d-" + i)
              .header("Content-Type", "application/json")
              .body(body)
              .build();
      out[i] = verifier.verify(request);
      out[i].deliveryKey(); // computed once, here, for both implementations
    }
    return out;
  }

  /** One acceptance, chosen in {@code startServer} so the measured method does not branch. */
  @FunctionalInterface
  interface Acceptor {
    Object accept(VerifiedWebhook webhook) throws Exception;
  }
}
