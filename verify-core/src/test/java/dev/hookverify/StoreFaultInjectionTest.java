package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.testing.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * Faults in the real stores during claims: the server stopped, the connection cut while a claim is
 * in flight, a statement that times out, a restart. The verifier must answer
 * IDEMPOTENCY_STORE_UNAVAILABLE (fail closed, so the sender retries), and after recovery nothing
 * completed before the fault is processed again.
 */
class StoreFaultInjectionTest {
  private static final byte[] SECRET = utf8("fault-injection-secret");

  private static WebhookRequest delivery(String body) {
    byte[] bytes = utf8(body);
    return WebhookRequest.builder()
        .header("X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, bytes)))
        .body(bytes)
        .build();
  }

  private static IdempotentVerifier verifier(IdempotencyStore store) {
    return verifier(store, IdempotentVerifier.DEFAULT_LEASE);
  }

  private static IdempotentVerifier verifier(IdempotencyStore store, Duration lease) {
    WebhookVerifier verifier =
        WebhookVerifier.builder("github")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    return IdempotentVerifier.builder(verifier, store).lease(lease).build();
  }

  /** Processes {@code request} if the store lets it; returns the reason it was refused, or null. */
  private static Reason process(
      IdempotentVerifier verifier, WebhookRequest request, AtomicInteger processed) {
    try (ClaimedDelivery delivery = verifier.claim(request)) {
      processed.incrementAndGet();
      delivery.complete();
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  /** A PostgreSQL server on {@code data} and {@code port}, so a restart finds the same rows. */
  private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
    return startPostgres(PostgresServer.Version.V14, data, port);
  }

  private static EmbeddedPostgres startPostgres(PostgresServer.Version version, Path data, int port)
      throws Exception {
    return PostgresServer.builder(version)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** A fresh, empty idempotency table named {@code table} for {@code store}. */
  private static void createTable(DataSource dataSource, JdbcIdempotencyStore store, String table)
      throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(store.createTableSql());
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(PostgresServer.Version.class)
  void postgres_stoppedThenRestarted_failsClosedAndForgetsNothing(PostgresServer.Version version)
      throws Exception {
    Path data = Files.createTempDirectory("hookverify-pg-fault");
    int port = freePort();
    EmbeddedPostgres first = startPostgres(version, data, port);
    DataSource dataSource = first.getPostgresDatabase(); // reconnects to the port after a restart
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(dataSource).queryTimeout(Duration.ofSeconds(2)).build();
    createTable(dataSource, store, "hookverify_delivery");
    IdempotentVerifier verifier = verifier(store);
    AtomicInteger processed = new AtomicInteger();
    WebhookRequest before = delivery("{\"id\":\"before-the-outage\"}");
    WebhookRequest during = delivery("{\"id\":\"during-the-outage\"}");

    assertThat(process(verifier, before, processed)).isNull();
    first.close(); // the database goes away
    assertThat(process(verifier, during, processed))
        .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
    assertThat(process(verifier, before, processed))
        .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);

    try (EmbeddedPostgres second = startPostgres(version, data, port)) {
      assertThat(second.getPort()).isEqualTo(port);
      assertThat(PostgresServer.serverVersion(dataSource))
          .startsWith("PostgreSQL " + version.major() + ".");
      // The sender retries both: the completed one is a duplicate, the refused one is processed.
      assertThat(process(verifier, before, processed)).isEqualTo(Reason.DUPLICATE_DELIVERY);
      assertThat(process(verifier, during, processed)).isNull();
      assertThat(process(verifier, during, processed)).isEqualTo(Reason.DUPLICATE_DELIVERY);
    }
    assertThat(processed).hasValue(2);
  }

  /**
   * The one window where a delivery can be processed twice: the handler succeeded, but the store
   * was down when {@code complete()} tried to record it. Nothing is lost: the retry is refused
   * until the lease expires, then processed again (at least once, never zero times).
   */
  @Test
  void postgres_downWhenCompleting_retryWaitsForTheLeaseThenIsProcessedAgain() throws Exception {
    Path data = Files.createTempDirectory("hookverify-pg-complete");
    int port = freePort();
    EmbeddedPostgres first = startPostgres(data, port);
    DataSource dataSource = first.getPostgresDatabase();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(dataSource).queryTimeout(Duration.ofSeconds(2)).build();
    createTable(dataSource, store, "hookverify_delivery");
    Duration lease = Duration.ofSeconds(6); // longer than a PostgreSQL restart
    IdempotentVerifier verifier = verifier(store, lease);
    WebhookRequest request = delivery("{\"id\":\"completed-during-the-outage\"}");
    AtomicInteger processed = new AtomicInteger();

    long claimedAt = System.nanoTime();
    try (ClaimedDelivery delivery = verifier.claim(request)) {
      processed.incrementAndGet(); // the handler's work is done...
      first.close(); // ...and the database goes away before it is recorded
      assertThatThrownBy(delivery::complete)
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE));
    } // close() cannot release either: the claim stays until its lease ends

    try (EmbeddedPostgres second = startPostgres(data, port)) {
      assertThat(second.getPort()).isEqualTo(port);
      assertThat(Duration.ofNanos(System.nanoTime() - claimedAt)).isLessThan(lease);
      assertThat(process(verifier, request, processed)).isEqualTo(Reason.DELIVERY_IN_PROGRESS);
      long leaseLeft = lease.toMillis() - (System.nanoTime() - claimedAt) / 1_000_000;
      Thread.sleep(Math.max(0, leaseLeft) + 500);
      assertThat(process(verifier, request, processed)).isNull();
      assertThat(process(verifier, request, processed)).isEqualTo(Reason.DUPLICATE_DELIVERY);
    }
    assertThat(processed).as("processed at least once, here twice").hasValue(2);
  }

  @Test
  void postgres_statementTimeout_failsClosedThenRecovers() throws Exception {
    DataSource dataSource = dev.hookverify.idempotency.ExampleServers.postgres();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(dataSource)
            .table("fault_timeout")
            .queryTimeout(Duration.ofSeconds(1))
            .build();
    createTable(dataSource, store, "fault_timeout");
    IdempotentVerifier verifier = verifier(store);
    AtomicInteger processed = new AtomicInteger();
    WebhookRequest request = delivery("{\"id\":\"locked\"}");
    try (Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("LOCK TABLE fault_timeout IN ACCESS EXCLUSIVE MODE"); // every claim now waits
      }
      long start = System.nanoTime();
      assertThat(process(verifier, request, processed))
          .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      locker.rollback();
    }
    assertThat(process(verifier, request, processed)).isNull();
    assertThat(processed).hasValue(1);
  }

  @Test
  void postgres_connectionCutDuringAClaim_failsClosedThenRecovers() throws Exception {
    DataSource dataSource = dev.hookverify.idempotency.ExampleServers.postgres();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(dataSource)
            .table("fault_cut")
            .queryTimeout(Duration.ofSeconds(30)) // the cut, not a timeout, must end the claim
            .build();
    createTable(dataSource, store, "fault_cut");
    IdempotentVerifier verifier = verifier(store);
    AtomicInteger processed = new AtomicInteger();
    WebhookRequest request = delivery("{\"id\":\"cut\"}");
    ExecutorService claimer = Executors.newSingleThreadExecutor();
    try (Connection locker = dataSource.getConnection();
        Connection admin = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("LOCK TABLE fault_cut IN ACCESS EXCLUSIVE MODE"); // the claim will wait here
      }
      Future<Reason> claim = claimer.submit(() -> process(verifier, request, processed));
      // Find the claim's server process while it waits on the lock, and kill its connection.
      int terminated = 0;
      for (int i = 0; i < 100 && terminated == 0; i++) {
        try (Statement s = admin.createStatement();
            ResultSet r =
                s.executeQuery(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND query LIKE '%fault_cut%'")) {
          r.next();
          terminated = r.getInt(1);
        }
        if (terminated == 0) {
          Thread.sleep(50);
        }
      }
      assertThat(terminated).as("claims cut while waiting").isEqualTo(1);
      assertThat(claim.get(10, TimeUnit.SECONDS)).isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      locker.rollback();
    } finally {
      claimer.shutdownNow();
    }
    // The sender retries: processed once, then a duplicate.
    assertThat(process(verifier, request, processed)).isNull();
    assertThat(process(verifier, request, processed)).isEqualTo(Reason.DUPLICATE_DELIVERY);
    assertThat(processed).hasValue(1);
  }

  /**
   * With persistence off ({@code appendonly no}, {@code save ""}) this test fails: state is lost.
   */
  @Test
  void redis_stoppedThenRestartedWithPersistence_failsClosedAndForgetsNothing() throws Exception {
    Path dir = Files.createTempDirectory("hookverify-redis-fault");
    int port = freePort();
    RedisServer server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("appendonly yes")
            .setting("appendfsync always")
            .setting("dir " + dir)
            .build();
    server.start();
    try (JedisPooled jedis = new JedisPooled("127.0.0.1", port)) {
      IdempotentVerifier verifier = verifier(new RedisIdempotencyStore(jedis::eval));
      AtomicInteger processed = new AtomicInteger();
      WebhookRequest before = delivery("{\"id\":\"before-the-restart\"}");
      WebhookRequest during = delivery("{\"id\":\"during-the-restart\"}");

      assertThat(process(verifier, before, processed)).isNull();
      server.stop();
      assertThat(process(verifier, during, processed))
          .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      server.start();
      // The first command after the restart may meet a stale pooled connection: the sender
      // retries, as it would after any refusal.
      Reason retried = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        retried = process(verifier, before, processed);
        if (retried != Reason.IDEMPOTENCY_STORE_UNAVAILABLE) {
          break;
        }
      }
      assertThat(retried).isEqualTo(Reason.DUPLICATE_DELIVERY);
      assertThat(process(verifier, during, processed)).isNull();
      assertThat(processed).hasValue(2);
    } finally {
      server.stop();
    }
  }
}
