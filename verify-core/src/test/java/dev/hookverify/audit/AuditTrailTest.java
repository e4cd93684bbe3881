package dev.hookverify.audit;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.InboxVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureHeader;
import dev.hookverify.Signing;
import dev.hookverify.Signing.MutableClock;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every outcome recorded with the right columns, on a real PostgreSQL, through real verifiers. */
class AuditTrailTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final byte[] SECRET = utf8("audit-test-secret");
  private static final byte[] BODY = utf8("{\"action\":\"opened\"}");
  private static final Instant T0 = Instant.parse("2026-12-06T13:00:00Z");

  private DataSource dataSource = PostgresServer.dataSource();
  private final MutableClock clock = new MutableClock(T0);

  /** A trail on a fresh table of its own, in {@code dialect}. */
  private AuditTrail trail(AuditTrail.Builder options) throws SQLException {
    AuditTrail trail = options.build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(trail.createTableSql());
    }
    return trail;
  }

  private AuditTrail.Builder options(AuditTrail.Dialect dialect) {
    return AuditTrail.builder(dataSource)
        .dialect(dialect)
        .table("audit_test_" + TABLES.incrementAndGet())
        .clock(clock)
        .flushInterval(Duration.ofMillis(20));
  }

  private static WebhookVerifier github(KeyRing keys, VerificationListener listener) {
    return WebhookVerifier.builder("github")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                .keys(keys)
                .build())
        .deliveryId(dev.hookverify.DeliveryIdSource.header("X-GitHub-Delivery"))
        .maxBodyBytes(1024)
        .listener(listener)
        .build();
  }

  private static WebhookRequest.Builder signed(byte[] body) {
    return withSignature(body, hex(hmac(HmacAlgorithm.SHA256, SECRET, body)));
  }

  private static WebhookRequest.Builder withSignature(byte[] body, String hexSignature) {
    return WebhookRequest.builder()
        .uri("/hooks/github?token=query-secret-xyz")
        .remoteAddress("203.0.113.7")
        .header("X-Hub-Signature-256", "sha256=" + hexSignature)
        .body(body);
  }

  /** Each row of {@code table} as column name to value, by id. */
  private List<Map<String, Object>> rows(String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object value = rs.getObject(i);
          if ("occurred_at".equals(rs.getMetaData().getColumnName(i))) {
            value = rs.getObject(i, OffsetDateTime.class).toInstant();
          }
          row.put(rs.getMetaData().getColumnName(i), value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void onVerification_everyOutcome_isOneRowWithItsColumns_onPostgres14And17() throws Exception {
    for (PostgresServer.Version version : PostgresServer.Version.values()) {
      dataSource = PostgresServer.dataSource(version);
      assertThat(PostgresServer.serverVersion(dataSource))
          .startsWith("PostgreSQL " + version.major() + ".");
      for (AuditTrail.Dialect dialect : AuditTrail.Dialect.values()) {
        everyOutcome(dialect);
      }
    }
  }

  private void everyOutcome(AuditTrail.Dialect dialect) throws Exception {
    clock.set(T0);
    AuditTrail trail = trail(options(dialect));
    WebhookVerifier verifier =
        github(KeyRing.builder().add("k-2026", WebhookSecret.ofBytes(SECRET)).build(), trail);

    verifier.verify(signed(BODY).build()); // accepted
    clock.advance(Duration.ofSeconds(1));
    assertThat(Signing.reasonOf(verifier, withSignature(BODY, "ab".repeat(32)).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    clock.advance(Duration.ofSeconds(1));
    assertThat(
            Signing.reasonOf(
                verifier, WebhookRequest.builder().uri("/hooks/github").body(BODY).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(Signing.reasonOf(verifier, signed(new byte[2048]).build()))
        .isEqualTo(Reason.BODY_TOO_LARGE);
    trail.close();

    List<Map<String, Object>> rows = rows(trail.table());
    assertThat(rows).hasSize(4);
    assertThat(rows)
        .extracting(r -> r.get("outcome"))
        .containsExactly("ACCEPTED", "SIGNATURE_MISMATCH", "MISSING_SIGNATURE", "BODY_TOO_LARGE");
    assertThat(rows)
        .extracting(r -> r.get("occurred_at"))
        .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
    assertThat(rows).allSatisfy(r -> assertThat(r.get("provider")).isEqualTo("github"));
    assertThat(rows)
        .extracting(r -> r.get("key_id"))
        .containsExactly("k-2026", null, null, null); // a key id only when one matched
    assertThat(rows)
        .extracting(r -> r.get("remote_address"))
        .containsExactly("203.0.113.7", "203.0.113.7", null, "203.0.113.7");
    // The path without its query: never the token some senders put there.
    assertThat(rows)
        .extracting(r -> r.get("path"))
        .containsExactly("/hooks/github", "/hooks/github", "/hooks/github", "/hooks/github");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("tenant")).isNull());
    assertThat(rows)
        .allSatisfy(r -> assertThat((Long) r.get("elapsed_micros")).isBetween(0L, 10_000_000L));
    assertThat(rows.toString()).doesNotContain("query-secret-xyz").doesNotContain("opened");
    assertThat(trail.written()).isEqualTo(4);
    assertThat(trail.dropped() + trail.failed() + trail.sampledOut()).isZero();
  }

  @Test
  void onVerification_idempotentVerifier_recordsAcceptedThenDuplicate() throws Exception {
    AuditTrail trail = trail(options(AuditTrail.Dialect.POSTGRESQL));
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(dataSource)
            .table("audit_test_claims_" + TABLES.incrementAndGet())
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(store.createTableSql());
    }
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail), store)
            .build();
    WebhookRequest delivery = signed(BODY).header("X-GitHub-Delivery", "d-1").build();
    try (ClaimedDelivery claimed = idempotent.claim(delivery)) {
      claimed.complete();
    }
    assertThatThrownBy(() -> idempotent.claim(delivery))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY));
    assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();

    List<Map<String, Object>> rows = rows(trail.table());
    assertThat(rows)
        .extracting(r -> r.get("outcome"))
        .containsExactly("ACCEPTED", "DUPLICATE_DELIVERY");
    // The duplicate authenticated: its key id is known.
    assertThat(rows).extracting(r -> r.get("key_id")).containsExactly("default", "default");
    trail.close();
  }

  @Test
  void onVerification_inboxVerifier_recordsAcceptedThenDuplicate() throws Exception {
    AuditTrail trail = trail(options(AuditTrail.Dialect.POSTGRESQL));
    DeliveryInbox inbox =
        DeliveryInbox.builder(dataSource)
            .table("audit_test_inbox_" + TABLES.incrementAndGet())
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(inbox.createTableSql());
    }
    InboxVerifier verifier =
        InboxVerifier.builder(github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail), inbox)
            .build();
    WebhookRequest delivery = signed(BODY).header("X-GitHub-Delivery", "d-7").build();
    verifier.accept(delivery);
    assertThatThrownBy(() -> verifier.accept(delivery))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY));
    trail.close();

    assertThat(rows(trail.table()))
        .extracting(r -> r.get("outcome"))
        .containsExactly("ACCEPTED", "DUPLICATE_DELIVERY");
  }

  @Test
  void onVerification_tenantAndOversizedOrControlColumns_areRecordedCutToTheirSizes()
      throws Exception {
    AuditTrail trail = trail(options(AuditTrail.Dialect.POSTGRESQL));
    String longKeyId = "k\u0000" + "x".repeat(300); // a NUL PostgreSQL would refuse in text
    String longTenant = "t".repeat(127) + "\uD83D\uDE00" + "t".repeat(50); // a pair at the cut
    TenantKeys tenants =
        TenantKeys.of(
            Map.of(
                longTenant,
                KeyRing.builder().add(longKeyId, WebhookSecret.ofBytes(SECRET)).build()));
    WebhookVerifier verifier =
        WebhookVerifier.builder("tenants")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("X-Signature").build())
                    .tenantKeys(TenantResolver.header("X-Org"), tenants)
                    .build())
            .listener(trail)
            .build();
    verifier.verify(
        WebhookRequest.builder()
            .uri("/t/" + "p".repeat(400) + "?q=1")
            .remoteAddress("a".repeat(200))
            .header("X-Org", longTenant)
            .header("X-Signature", hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY)))
            .body(BODY)
            .build());
    trail.close();

    List<Map<String, Object>> rows = rows(trail.table());
    assertThat(trail.failed()).isZero();
    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.get(0);
    assertThat(row.get("outcome")).isEqualTo("ACCEPTED");
    assertThat(row.get("key_id")).isEqualTo("k?" + "x".repeat(126));
    assertThat(row.get("tenant")).isEqualTo("t".repeat(127)); // the pair is not split
    assertThat(row.get("remote_address")).isEqualTo("a".repeat(128));
    assertThat((String) row.get("path")).hasSize(256).startsWith("/t/ppp");
  }

  @Test
  void close_writesWhatIsQueued_evenBeforeABatchOrAnIntervalIsDue() throws Exception {
    AuditTrail trail =
        trail(
            options(AuditTrail.Dialect.POSTGRESQL)
                .flushInterval(Duration.ofHours(1))
                .batchSize(1000));
    WebhookVerifier verifier = github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail);
    for (int i = 0; i < 10; i++) {
      verifier.verify(signed(BODY).build());
    }
    assertThat(trail.pending()).isEqualTo(10);
    assertThat(rows(trail.table())).isEmpty(); // nothing due yet: neither a batch nor the hour
    trail.close();
    assertThat(rows(trail.table())).hasSize(10);
    assertThat(trail.written()).isEqualTo(10);
    assertThat(trail.pending()).isZero();

    // Closed: later events are counted as dropped, never queued.
    verifier.verify(signed(BODY).build());
    assertThat(trail.dropped()).isEqualTo(1);
    assertThat(trail.pending()).isZero();
    trail.close(); // idempotent
  }

  @Test
  void flush_writesWithoutWaitingForTheInterval() throws Exception {
    AuditTrail trail =
        trail(options(AuditTrail.Dialect.POSTGRESQL).flushInterval(Duration.ofHours(1)));
    WebhookVerifier verifier = github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail);
    verifier.verify(signed(BODY).build());
    assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(rows(trail.table())).hasSize(1);
    assertThat(trail.flush(Duration.ZERO)).isTrue(); // nothing queued: done at once
    trail.close();
  }

  @Test
  void maxRejectionsPerSecond_recordsAtMostTheBudget_andEveryAcceptance() throws Exception {
    int budget = 5;
    AuditTrail trail = trail(options(AuditTrail.Dialect.POSTGRESQL).maxRejectionsPerSecond(budget));
    WebhookVerifier verifier = github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail);
    WebhookRequest forged = withSignature(BODY, "00".repeat(32)).build();
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      Signing.reasonOf(verifier, forged);
      if (i % 50 == 0) {
        verifier.verify(signed(BODY).build());
      }
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L + 2; // seconds the loop touched
    trail.close();

    List<Map<String, Object>> rows = rows(trail.table());
    long rejected = rows.stream().filter(r -> !"ACCEPTED".equals(r.get("outcome"))).count();
    assertThat(rows.size() - rejected).isEqualTo(4); // acceptances are never sampled out
    assertThat(rejected).isBetween((long) budget, budget * seconds);
    assertThat(trail.sampledOut()).isEqualTo(200 - rejected);
    assertThat(trail.written() + trail.sampledOut()).isEqualTo(204);
  }

  @Test
  void builder_refusesAnInjectableTableName_andBadBounds() {
    AuditTrail.Builder b = AuditTrail.builder(dataSource);
    for (String table :
        List.of("audit; DROP TABLE x", "audit--", "\"audit\"", "a.b.c", "", "1audit", "a b")) {
      assertThatThrownBy(() -> b.table(table)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.flushInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxRejectionsPerSecond(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createTableSql_usesTheTableName_andASchemaQualifiedOneKeepsTheIndexUnqualified()
      throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS audit_schema");
    }
    AuditTrail trail =
        trail(AuditTrail.builder(dataSource).table("audit_schema.attempts").clock(clock));
    assertThat(trail.createTableSql())
        .contains("CREATE TABLE IF NOT EXISTS audit_schema.attempts (")
        .contains("CREATE INDEX IF NOT EXISTS attempts_occurred_at ON audit_schema.attempts")
        .doesNotContain("hookverify_audit");
    github(KeyRing.of(WebhookSecret.ofBytes(SECRET)), trail).verify(signed(BODY).build());
    trail.close();
    assertThat(rows("audit_schema.attempts")).hasSize(1);
  }
}
