package dev.hookverify.micrometer;

import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.InboxVerifier;
import dev.hookverify.inbox.Deliveries;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.testing.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The inbox gauges read a real inbox on PostgreSQL, at most once per refresh interval. */
class DeliveryInboxMetricsTest {
  private final DataSource dataSource = PostgresServer.dataSource();
  private final MockClock clock = new MockClock();
  private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private int deliveries;

  private DeliveryInbox inbox(String table) throws SQLException {
    DeliveryInbox inbox = DeliveryInbox.builder(dataSource).table(table).build();
    execute("DROP TABLE IF EXISTS " + table);
    execute(inbox.createTableSql());
    return inbox;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private void accept(InboxVerifier verifier, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      int id = deliveries++;
      verifier.accept(
          Deliveries.github(utf8("{\"n\":" + id + "}"), "X-GitHub-Delivery", "d-" + id));
    }
  }

  /** Each gauge's value by status. */
  private Map<String, Double> gauges(String inbox) {
    Map<String, Double> values = new TreeMap<>();
    registry
        .get(DeliveryInboxMetrics.METER_NAME)
        .tag("inbox", inbox)
        .gauges()
        .forEach(g -> values.put(g.getId().getTag("status"), g.value()));
    return values;
  }

  private static Map<String, Double> counts(
      double pending, double processing, double completed, double dead) {
    return new TreeMap<>(
        Map.of("pending", pending, "processing", processing, "completed", completed, "dead", dead));
  }

  @Test
  void gauges_readTheCountsAtMostOncePerInterval() throws Exception {
    DeliveryInbox inbox = inbox("metrics_inbox");
    InboxVerifier verifier = InboxVerifier.builder(Deliveries.github(), inbox).build();
    DeliveryInboxMetrics.builder(inbox, "payments").build().bindTo(registry);
    accept(verifier, 3);

    assertThat(gauges("payments")).isEqualTo(counts(3, 0, 0, 0));
    accept(verifier, 2);
    // Within the interval every scrape answers the cached counts: the database was not asked.
    clock.add(Duration.ofSeconds(9));
    assertThat(gauges("payments")).isEqualTo(counts(3, 0, 0, 0));
    clock.add(Duration.ofSeconds(1));
    assertThat(gauges("payments")).isEqualTo(counts(5, 0, 0, 0));
  }

  @Test
  void gauges_failedRead_isNaNUntilAReadSucceeds() throws Exception {
    DeliveryInbox inbox = inbox("metrics_inbox_lost");
    InboxVerifier verifier = InboxVerifier.builder(Deliveries.github(), inbox).build();
    DeliveryInboxMetrics.builder(inbox, "lost")
        .minRefreshInterval(Duration.ofSeconds(1))
        .build()
        .bindTo(registry);
    accept(verifier, 2);
    assertThat(gauges("lost")).isEqualTo(counts(2, 0, 0, 0));

    execute("DROP TABLE metrics_inbox_lost"); // every read fails from now on
    clock.add(Duration.ofSeconds(1));
    assertThat(gauges("lost").values()).hasSize(4).allMatch(v -> v.isNaN());

    execute(inbox.createTableSql()); // back, and empty
    assertThat(gauges("lost").values()).allMatch(v -> v.isNaN()); // the failure is cached too
    clock.add(Duration.ofSeconds(1));
    assertThat(gauges("lost")).isEqualTo(counts(0, 0, 0, 0));
  }

  @Test
  void builder_refusesABlankNameANonPositiveIntervalAndReservedTags() throws Exception {
    DeliveryInbox inbox = DeliveryInbox.builder(dataSource).build();
    assertThatThrownBy(() -> DeliveryInboxMetrics.builder(inbox, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> DeliveryInboxMetrics.builder(inbox, "x").minRefreshInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                DeliveryInboxMetrics.builder(inbox, "x")
                    .tags(io.micrometer.core.instrument.Tags.of("status", "y")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
