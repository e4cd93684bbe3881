package dev.hookverify.benchmarks;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.SignatureHeader;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.audit.AuditTrail;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
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
 * A forged verification with the audit trail as its listener, against no listener and a no-op one:
 * what the trail costs the verifying thread. The database is left out on purpose (the trail's
 * writer runs on its own thread; its data source here refuses every connection), so the rows time
 * the listener's paths alone: {@code AUDIT_QUEUED}, the writer keeps the queue empty and every
 * event is cut into a record and queued; {@code AUDIT_DROPPED}, the queue is full (a flood that
 * outran the writer) and every event is counted and dropped; {@code AUDIT_SAMPLED_OUT}, the default
 * rejection budget is spent and every forgery is counted and sampled out. Run at 1 and 2 threads.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar AuditTrailBenchmark -t 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditTrailBenchmark {
  /** The verifier's listener. */
  public enum Listener {
    /** No listener: the floor. */
    NONE,
    /** A listener that does nothing: the event's cost alone. */
    NO_OP,
    /** The trail with room in its queue: each event becomes a queued record. */
    AUDIT_QUEUED,
    /** The trail with a full queue: each event is counted as dropped. */
    AUDIT_DROPPED,
    /** The trail past its rejection budget: each forgery is counted as sampled out. */
    AUDIT_SAMPLED_OUT
  }

  @Param public Listener listener;

  private static final byte[] SECRET = "benchmark-audit-secret".getBytes(StandardCharsets.UTF_8);

  private WebhookVerifier verifier;
  private WebhookRequest forged;
  private AuditTrail trail;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    byte[] body = Fixture.body(1024);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    forged =
        WebhookRequest.builder()
            .uri("/webhooks/github?benchmark=1")
            .remoteAddress("198.51.100.23")
            .header(
                "X-Hub-Signature-256",
                "sha256=" + Fixture.forge(HexFormat.of().formatHex(mac.doFinal(body))))
            .body(body)
            .build();
    WebhookVerifier.Builder builder =
        WebhookVerifier.builder("github")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build());
    switch (listener) {
      case NONE -> {}
      case NO_OP -> builder.listener(event -> {});
      // The writer drains up to 10,000 records per millisecond (each batch refused at once).
      case AUDIT_QUEUED -> builder.listener(audit(10_000, Duration.ofMillis(1), Integer.MAX_VALUE));
      // One record fills the queue; the writer takes it once an hour.
      case AUDIT_DROPPED -> builder.listener(audit(1, Duration.ofHours(1), Integer.MAX_VALUE));
      case AUDIT_SAMPLED_OUT ->
          builder.listener(
              audit(10_000, Duration.ofMillis(1), AuditTrail.DEFAULT_MAX_REJECTIONS_PER_SECOND));
    }
    verifier = builder.build();
    if (listener == Listener.AUDIT_DROPPED) {
      verifyForged(); // its record fills the queue: no room from here on
    }
  }

  /** A trail of {@code capacity} records on a database that refuses every connection. */
  private AuditTrail audit(int capacity, Duration flushInterval, int maxRejectionsPerSecond) {
    trail =
        AuditTrail.builder(new NoDatabase())
            .capacity(capacity)
            .batchSize(Math.min(capacity, 10_000))
            .flushInterval(flushInterval)
            .maxRejectionsPerSecond(maxRejectionsPerSecond)
            .closeTimeout(Duration.ofSeconds(1))
            .build();
    return trail;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (trail != null) {
      trail.close();
    }
  }

  @Benchmark
  public Object verifyForged() {
    try {
      return verifier.verify(forged);
    } catch (WebhookVerificationException e) {
      return e;
    }
  }

  /** A data source that refuses every connection: the writer's batches fail at once. */
  private static final class NoDatabase implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("no database in this benchmark", "08001");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
