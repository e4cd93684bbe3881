package dev.hookverify.micrometer;

import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Signing;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.audit.AuditTrail;
import dev.hookverify.inbox.Deliveries;
import dev.hookverify.testing.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The audit trail's meters read a real trail writing to a real PostgreSQL. */
class AuditTrailMetricsTest {
  private static final byte[] BODY = utf8("{\"action\":\"opened\"}");

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private double records(String table, String result) {
    return registry
        .get(AuditTrailMetrics.RECORDS)
        .tags("table", table, "result", result)
        .functionCounter()
        .count();
  }

  private double gauge(String name, String table) {
    return registry.get(name).tag("table", table).gauge().value();
  }

  @Test
  void bindTo_countsWrittenDroppedSampledOutAndPending_besideTheVerificationTimer()
      throws Exception {
    DataSource dataSource = PostgresServer.dataSource();
    AuditTrail trail =
        AuditTrail.builder(dataSource)
            .table("metrics_audit")
            .capacity(4)
            .flushInterval(Duration.ofHours(1)) // nothing is written until flush()
            .maxRejectionsPerSecond(0) // no rejection is recorded: each is sampled out
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS metrics_audit");
      s.execute(trail.createTableSql());
    }
    AuditTrailMetrics.of(trail, Tags.of("app", "billing")).bindTo(registry);
    MicrometerVerificationListener timer =
        MicrometerVerificationListener.builder(registry, "github").build();
    WebhookVerifier verifier = Deliveries.github(VerificationListener.all(trail, timer));

    try (Connection lock = dataSource.getConnection();
        Statement s = lock.createStatement()) {
      // The table is locked: the writer's first batch (4, the capacity) waits on the lock, the
      // queue fills with the next 4 and the other 12 are dropped.
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE metrics_audit IN ACCESS EXCLUSIVE MODE");
      for (int i = 0; i < 4; i++) {
        verifier.verify(Deliveries.github(BODY));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (trail.pending() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the writer took the full batch and now waits on the lock
      }
      for (int i = 0; i < 16; i++) {
        verifier.verify(Deliveries.github(BODY));
      }
      for (int i = 0; i < 3; i++) {
        Signing.reasonOf(verifier, WebhookRequest.builder().body(BODY).build()); // unsigned
      }
      assertThat(gauge(AuditTrailMetrics.PENDING, "metrics_audit")).isEqualTo(4);
      assertThat(gauge(AuditTrailMetrics.CAPACITY, "metrics_audit")).isEqualTo(4);
      assertThat(records("metrics_audit", "written")).isZero();
      assertThat(records("metrics_audit", "dropped")).isEqualTo(12);
      assertThat(records("metrics_audit", "sampled_out")).isEqualTo(3);
      assertThat(records("metrics_audit", "failed")).isZero();
      assertThat(registry.get(AuditTrailMetrics.RECORDS).tag("app", "billing").functionCounters())
          .hasSize(4);
      lock.rollback();
    }

    assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(records("metrics_audit", "written")).isEqualTo(8);
    assertThat(gauge(AuditTrailMetrics.PENDING, "metrics_audit")).isZero();
    // The same events reached the verification timer: one listener did not starve the other.
    assertThat(registry.get(MicrometerVerificationListener.METER_NAME).timers())
        .extracting(t -> t.count())
        .contains(20L, 3L);
    trail.close();
  }

  @Test
  void bindTo_databaseRefusingConnections_countsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // nothing listens once it is closed
    }
    PGSimpleDataSource refused = new PGSimpleDataSource();
    refused.setServerNames(new String[] {"127.0.0.1"});
    refused.setPortNumbers(new int[] {closedPort});
    refused.setConnectTimeout(2);
    AuditTrail trail = AuditTrail.builder(refused).table("metrics_audit_down").build();
    AuditTrailMetrics.of(trail).bindTo(registry);
    WebhookVerifier verifier = Deliveries.github(trail);
    verifier.verify(Deliveries.github(BODY)); // verification does not notice the database

    assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(records("metrics_audit_down", "failed")).isEqualTo(1);
    assertThat(records("metrics_audit_down", "written")).isZero();
    trail.close();
  }

  @Test
  void of_reservedTag_isRefused() {
    AuditTrail trail = AuditTrail.builder(new PGSimpleDataSource()).build();
    try {
      assertThatThrownBy(() -> AuditTrailMetrics.of(trail, Tags.of("result", "x")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> AuditTrailMetrics.of(trail, Tags.of("table", "x")))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      trail.close();
    }
  }
}
