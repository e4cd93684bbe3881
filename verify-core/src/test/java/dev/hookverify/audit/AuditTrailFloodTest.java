package dev.hookverify.audit;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.Reason;
import dev.hookverify.SignatureHeader;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.testing.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The writer under a forged flood and with its database down, on real PostgreSQL servers: the queue
 * never holds more than its capacity, every event is accounted for exactly, and verification takes
 * as long as without the trail.
 */
class AuditTrailFloodTest {
  private static final byte[] SECRET = utf8("flood-test-secret");
  private static final byte[] BODY =
      utf8("{\"type\":\"invoice.paid\",\"id\":\"evt_1\",\"amount\":4200}");
  private static final int THREADS = 4;
  private static final int CAPACITY = 256;

  private static WebhookVerifier verifier(VerificationListener listener) {
    return WebhookVerifier.builder("stripe")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("X-Signature").build())
                .secret(WebhookSecret.ofBytes(SECRET))
                .build())
        .listener(listener)
        .build();
  }

  private static WebhookRequest request(String hexSignature) {
    return WebhookRequest.builder()
        .uri("/webhooks/stripe")
        .remoteAddress("198.51.100.23")
        .header("X-Signature", hexSignature)
        .body(BODY)
        .build();
  }

  private static final WebhookRequest FORGED = request("5a".repeat(32));
  private static final WebhookRequest GENUINE =
      request(hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY)));

  private static AuditTrail trail(DataSource dataSource, String table, AuditTrail.Builder options)
      throws SQLException {
    AuditTrail trail = options.table(table).build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(trail.createTableSql());
    }
    return trail;
  }

  private static long rowCount(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Runs {@code perThread} verifications of {@code request} on each of {@link #THREADS} threads,
   * expecting {@code expected} (null: accepted); returns the wall time in nanoseconds. Every
   * unexpected outcome or exception is collected in {@code errors}.
   */
  private static long flood(
      WebhookVerifier verifier, WebhookRequest[] requests, int perThread, Queue<Throwable> errors)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    WebhookRequest request = requests[i % requests.length];
                    Reason expected = request == GENUINE ? null : Reason.SIGNATURE_MISMATCH;
                    Reason actual;
                    try {
                      verifier.verify(request);
                      actual = null;
                    } catch (WebhookVerificationException e) {
                      actual = e.reason();
                    }
                    if (actual != expected) {
                      errors.add(new AssertionError("expected " + expected + ", was " + actual));
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    return System.nanoTime() - start;
  }

  /** Samples {@link AuditTrail#pending()} until stopped; the largest value seen. */
  private static final class PendingSampler extends Thread {
    private final AuditTrail trail;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile int max;
    private volatile long samples;

    PendingSampler(AuditTrail trail) {
      super("pending-sampler");
      this.trail = trail;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        max = Math.max(max, trail.pending());
        samples++;
        LockSupport.parkNanos(20_000);
      }
    }

    int stopAndMax() throws InterruptedException {
      stop.set(true);
      join(10_000);
      return max;
    }
  }

  private static long median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  @Test
  void onVerification_forgedFlood_boundedQueue_everyEventCounted_latencyUnchanged()
      throws Exception {
    DataSource dataSource = PostgresServer.dataSource();
    AuditTrail trail =
        trail(
            dataSource,
            "audit_flood",
            AuditTrail.builder(dataSource)
                .capacity(CAPACITY)
                .batchSize(64)
                .flushInterval(Duration.ofMillis(5))
                .maxRejectionsPerSecond(Integer.MAX_VALUE)); // the queue alone bounds this flood
    WebhookVerifier audited = verifier(trail);
    WebhookVerifier unaudited = verifier(event -> {});
    WebhookRequest[] forged = {FORGED};
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    int perThread = 2_500;
    int rounds = 20; // short interleaved rounds: a noisy neighbour hits both sides alike

    flood(unaudited, forged, perThread, errors); // warm-up: JIT, HMAC state
    PendingSampler sampler = new PendingSampler(trail);
    sampler.start();
    List<Long> withTrail = new ArrayList<>();
    List<Long> without = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer or cooler machine.
      if (round % 2 == 0) {
        without.add(flood(unaudited, forged, perThread, errors));
        withTrail.add(flood(audited, forged, perThread, errors));
      } else {
        withTrail.add(flood(audited, forged, perThread, errors));
        without.add(flood(unaudited, forged, perThread, errors));
      }
    }
    int maxPending = sampler.stopAndMax();
    long offered = (long) rounds * THREADS * perThread; // 200,000 forged verifications
    trail.close();

    assertThat(errors).isEmpty();
    // Memory: the queue never held more than its capacity, though the flood outran the writer.
    assertThat(maxPending).isBetween(1, CAPACITY);
    assertThat(trail.dropped()).isPositive();
    // Exact accounting: every event was written or dropped; the database failed nothing.
    assertThat(trail.failed()).isZero();
    assertThat(trail.sampledOut()).isZero();
    assertThat(trail.written() + trail.dropped()).isEqualTo(offered);
    assertThat(rowCount(dataSource, "audit_flood")).isEqualTo(trail.written());
    // Latency: time per verification with the trail within 2x of a no-op listener (+ slack).
    long perVerificationWith = median(withTrail) / perThread;
    long perVerificationWithout = median(without) / perThread;
    System.out.printf(
        "audit flood: %d offered, %d written, %d dropped, max pending %d/%d (%d samples);"
            + " ns per verification on each thread (wall / verifications per thread), median of %d"
            + " rounds:"
            + " with trail %d %s, no-op listener %d %s%n",
        offered,
        trail.written(),
        trail.dropped(),
        maxPending,
        CAPACITY,
        sampler.samples,
        rounds,
        perVerificationWith,
        perThreadNanos(withTrail, perThread),
        perVerificationWithout,
        perThreadNanos(without, perThread));
    assertThat(perVerificationWith).isLessThanOrEqualTo(2 * perVerificationWithout + 2_000);
  }

  private static String perThreadNanos(List<Long> walls, int perThread) {
    return Arrays.toString(walls.stream().mapToLong(w -> w / perThread).toArray());
  }

  @Test
  void onVerification_databaseStopped_verificationUnaffected_failuresCounted_closeBounded()
      throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
    DataSource dataSource = server.getPostgresDatabase();
    AuditTrail trail =
        trail(
            dataSource,
            "audit_down",
            AuditTrail.builder(dataSource)
                .capacity(CAPACITY)
                .batchSize(32)
                .flushInterval(Duration.ofMillis(200))
                .closeTimeout(Duration.ofSeconds(3))
                .maxRejectionsPerSecond(Integer.MAX_VALUE));
    WebhookVerifier audited = verifier(trail);
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    flood(audited, new WebhookRequest[] {GENUINE}, 5, errors);
    assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(trail.written()).isEqualTo(THREADS * 5);
    assertThat(rowCount(dataSource, "audit_down")).isEqualTo(THREADS * 5);

    server.close(); // PostgreSQL stops: every connection attempt is refused from now on
    long stoppedAt = System.nanoTime();
    PendingSampler sampler = new PendingSampler(trail);
    sampler.start();
    int perThread = 5_000;
    WebhookRequest[] mixed = {GENUINE, FORGED};
    long wall = flood(audited, mixed, perThread, errors);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (trail.failed() == 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000); // the writer's next batch meets the stopped server
    }
    int maxPending = sampler.stopAndMax();
    long failingNanos = System.nanoTime() - stoppedAt;
    long failedBatches = (trail.failed() + 31) / 32;
    long closeStart = System.nanoTime();
    trail.close();
    long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;

    assertThat(errors).isEmpty(); // every genuine delivery verified, every forgery rejected
    assertThat(trail.failed()).isPositive();
    // A database that is down is asked at most once per flush interval (200 ms), not whenever a
    // batch fills.
    assertThat(failedBatches).isLessThanOrEqualTo(failingNanos / 200_000_000 + 2);
    assertThat(maxPending).isLessThanOrEqualTo(CAPACITY);
    assertThat(closeMillis).isLessThan(3_000 + 2_000);
    long offered = THREADS * 5 + (long) THREADS * perThread;
    assertThat(trail.written() + trail.dropped() + trail.failed()).isEqualTo(offered);
    assertThat(trail.written()).isEqualTo(THREADS * 5);
    System.out.printf(
        "audit with the database down: %d verifications in %d ms, %d failed, %d dropped,"
            + " %d failed batches in %d ms, max pending %d/%d, close %d ms%n",
        THREADS * perThread,
        wall / 1_000_000,
        trail.failed(),
        trail.dropped(),
        failedBatches,
        failingNanos / 1_000_000,
        maxPending,
        CAPACITY,
        closeMillis);
    // Verification never waited on the refused connections: 20,000 verifications, well under 10 s.
    assertThat(wall).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void onVerification_everyBatchRefused_databaseAskedOncePerInterval() throws Exception {
    DataSource dataSource = PostgresServer.dataSource();
    AuditTrail trail =
        trail(
            dataSource,
            "audit_refused",
            AuditTrail.builder(dataSource)
                .capacity(16) // each batch empties the queue, so the next one fills it again
                .batchSize(16)
                .flushInterval(Duration.ofSeconds(2))
                .maxRejectionsPerSecond(Integer.MAX_VALUE));
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE audit_refused"); // every insert fails at once, in a millisecond
    }
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long wall = 0;
    while (wall < 1_000_000_000L) { // a second of flood: half an interval
      flood(verifier(trail), new WebhookRequest[] {GENUINE, FORGED}, 2_000, errors);
      wall = System.nanoTime() - start;
    }
    long failedBatches = (trail.failed() + 15) / 16;
    trail.close();

    assertThat(errors).isEmpty();
    assertThat(trail.failed()).isPositive();
    // A full batch wakes the writer at once, but after a failure it waits the whole interval: the
    // first batch fails, and the queue, full again at once, waits.
    System.out.printf(
        "audit with every batch refused: %d failed batches in %d ms%n",
        failedBatches, wall / 1_000_000);
    assertThat(failedBatches).isLessThanOrEqualTo(wall / 2_000_000_000L + 1);
  }
}
