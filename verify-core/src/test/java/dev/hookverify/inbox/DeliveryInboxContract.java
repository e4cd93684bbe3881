package dev.hookverify.inbox;

import static dev.hookverify.Signing.utf8;
import static dev.hookverify.inbox.Deliveries.github;
import static dev.hookverify.inbox.Deliveries.standard;
import static dev.hookverify.inbox.Deliveries.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Signing.MutableClock;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.DeliveryKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeliveryInbox} contract, run on each real database and dialect: subclasses supply the
 * data source and dialect. Each test gets a table of its own, so leases see only its deliveries.
 */
abstract class DeliveryInboxContract {
  static final Instant START = Instant.parse("2026-12-06T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);
  static final WebhookVerifier GITHUB = github();
  static final WebhookVerifier STANDARD = standard();

  final MutableClock clock = new MutableClock(START);
  String table;
  DeliveryInbox inbox;

  abstract DataSource dataSource();

  abstract DeliveryInbox.Dialect dialect();

  /** Whatever the dialect's DDL needs first on this database (a type alias, say). */
  void prepare(Statement s) throws SQLException {}

  DeliveryInbox.Builder inboxOn(DataSource dataSource) {
    return DeliveryInbox.builder(dataSource).dialect(dialect()).table(table).clock(clock);
  }

  @BeforeEach
  void createTable() throws SQLException {
    table = "inbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    inbox = inboxOn(dataSource()).build();
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      prepare(s);
      s.execute(inbox.createTableSql());
    }
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + table);
    }
  }

  static VerifiedWebhook delivery(String body) {
    return verified(GITHUB, github(utf8(body)));
  }

  static DeliveryKey key(VerifiedWebhook webhook) {
    return webhook.deliveryKey();
  }

  long rows(String where) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  long rowsWithKey(DeliveryKey key) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE delivery_key = ?")) {
      s.setString(1, key.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  StoredDelivery stored(VerifiedWebhook webhook) throws InboxException {
    return inbox.find(key(webhook)).orElseThrow();
  }

  StoredDelivery leaseOne(String owner) throws InboxException {
    List<StoredDelivery> leased = inbox.lease(owner, 1, LEASE);
    assertThat(leased).hasSize(1);
    return leased.get(0);
  }

  // --- accept ---

  @Test
  void accept_newDelivery_isStoredPendingAndDueNow() throws Exception {
    VerifiedWebhook webhook = delivery("{\"n\":1}");
    assertThat(inbox.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    StoredDelivery d = stored(webhook);
    assertThat(d.deliveryKey()).isEqualTo(webhook.deliveryKey().value());
    assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(d.attempt()).isZero();
    assertThat(d.receivedAt()).isEqualTo(START);
    assertThat(d.nextAttemptAt()).isEqualTo(START);
    assertThat(d.lastError()).isEmpty();
    assertThat(d.leaseOwner()).isNull();
  }

  @Test
  void accept_sameDeliveryTwice_isDuplicateAndOneRow() throws Exception {
    VerifiedWebhook webhook = delivery("{\"n\":2}");
    assertThat(inbox.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(inbox.accept(delivery("{\"n\":2}"))).isEqualTo(Acceptance.DUPLICATE);
    assertThat(rowsWithKey(key(webhook))).isEqualTo(1);
    assertThat(stored(webhook).receivedAt()).isEqualTo(START); // the first stays as it was
  }

  @Test
  void accept_concurrentReplaysOnSeparateConnections_exactlyOneAccepted() throws Exception {
    int threads = 16;
    int rounds = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        VerifiedWebhook webhook = delivery("{\"race\":" + round + "}");
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Acceptance>> outcomes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          outcomes.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    go.await();
                    return inbox.accept(webhook); // each call borrows its own connection
                  }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        Map<Acceptance, Integer> tally = new HashMap<>();
        for (Future<Acceptance> f : outcomes) {
          tally.merge(f.get(20, TimeUnit.SECONDS), 1, Integer::sum);
        }
        assertThat(tally).containsEntry(Acceptance.ACCEPTED, 1);
        assertThat(tally).containsEntry(Acceptance.DUPLICATE, threads - 1);
        assertThat(rowsWithKey(key(webhook))).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows("1 = 1")).isEqualTo(rounds);
  }

  @Test
  void accept_replayAfterCompletionOrDeath_isDuplicate() throws Exception {
    VerifiedWebhook done = delivery("{\"done\":true}");
    inbox.accept(done);
    assertThat(inbox.complete(leaseOne("w"), "w")).isTrue();
    assertThat(inbox.accept(delivery("{\"done\":true}"))).isEqualTo(Acceptance.DUPLICATE);
    VerifiedWebhook dead = delivery("{\"dead\":true}");
    inbox.accept(dead);
    assertThat(inbox.bury(leaseOne("w"), "w", "boom")).isTrue();
    assertThat(inbox.accept(delivery("{\"dead\":true}"))).isEqualTo(Acceptance.DUPLICATE);
    assertThat(stored(done).status()).isEqualTo(DeliveryStatus.COMPLETED);
    assertThat(stored(dead).status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(rows("1 = 1")).isEqualTo(2);
  }

  @Test
  void accept_storesExactlyWhatTheVerifierProved() throws Exception {
    // Not UTF-8: NUL, a lone continuation byte, 0xFF, an overlong encoding, a truncated sequence.
    byte[] body = {0, (byte) 0x80, (byte) 0xff, (byte) 0xc0, (byte) 0xaf, 'x', (byte) 0xe2, 0x28};
    VerifiedWebhook webhook =
        verified(
            STANDARD,
            standard("msg_2Lq", 1_765_000_000L, body, "Content-Type", "application/octet-stream"));
    assertThat(inbox.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    StoredDelivery d = stored(webhook);
    assertThat(d.deliveryKey()).isEqualTo("standard:acme:msg_2Lq");
    assertThat(d.provider()).isEqualTo("standard");
    assertThat(d.tenant()).contains("acme");
    assertThat(d.keyId()).isEqualTo("acme-2026");
    assertThat(d.deliveryId()).contains("msg_2Lq");
    assertThat(d.isDeliveryIdSigned()).isTrue();
    assertThat(d.signedAt()).contains(Instant.ofEpochSecond(1_765_000_000L));
    assertThat(d.contentType()).contains("application/octet-stream");
    assertThat(d.body()).isEqualTo(body);
    assertThat(d.bodyLength()).isEqualTo(body.length);
  }

  @Test
  void accept_unsignedIdAndEmptyBody_storedAsProven() throws Exception {
    VerifiedWebhook webhook = verified(GITHUB, github(new byte[0], "X-GitHub-Delivery", "gh-1"));
    assertThat(inbox.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    StoredDelivery d = stored(webhook);
    assertThat(d.provider()).isEqualTo("github");
    assertThat(d.tenant()).isEmpty();
    assertThat(d.keyId()).isEqualTo(webhook.keyId());
    assertThat(d.deliveryId()).contains("gh-1");
    assertThat(d.isDeliveryIdSigned()).isFalse();
    assertThat(d.signedAt()).isEmpty();
    assertThat(d.contentType()).isEmpty();
    assertThat(d.body()).isEmpty();
    // The unsigned id is not the key: the key is the digest of the signed content.
    assertThat(d.deliveryKey()).startsWith("github:content-").doesNotContain("gh-1");
  }

  @Test
  void accept_replaysWithChangedUnsignedParts_mapToOneRow() throws Exception {
    byte[] body = utf8("{\"action\":\"opened\"}");
    VerifiedWebhook original =
        verified(
            GITHUB, github(body, "X-GitHub-Delivery", "d-1", "Content-Type", "application/json"));
    assertThat(inbox.accept(original)).isEqualTo(Acceptance.ACCEPTED);
    List<VerifiedWebhook> replays =
        List.of(
            verified(GITHUB, github(body, "X-GitHub-Delivery", "d-2")), // another unsigned id
            verified(GITHUB, github(body)), // the id dropped
            verified(GITHUB, github(body, "X-GitHub-Delivery", "d-1", "X-Extra", "1")),
            verified(GITHUB, github(body, "Content-Type", "text/plain"))); // content type changed
    for (VerifiedWebhook replay : replays) {
      assertThat(inbox.accept(replay)).isEqualTo(Acceptance.DUPLICATE);
    }
    assertThat(rows("1 = 1")).isEqualTo(1);
    StoredDelivery d = stored(original);
    assertThat(d.deliveryId()).contains("d-1");
    assertThat(d.contentType()).contains("application/json");
  }

  @Test
  void accept_signedIdResignedWithNewTimestamp_isDuplicate() throws Exception {
    byte[] body = utf8("{}");
    assertThat(inbox.accept(verified(STANDARD, standard("msg_r", 1_765_000_000L, body))))
        .isEqualTo(Acceptance.ACCEPTED);
    assertThat(inbox.accept(verified(STANDARD, standard("msg_r", 1_765_000_060L, body))))
        .isEqualTo(Acceptance.DUPLICATE);
    assertThat(rows("1 = 1")).isEqualTo(1);
  }

  @Test
  void accept_tenantTooLongForTheTable_isAFailureThatNamesNoTenant() throws Exception {
    String tenant = "org-" + "t".repeat(300);
    VerifiedWebhook webhook =
        verified(Deliveries.anyTenant(), Deliveries.standardFor(tenant, "m1", 1L, utf8("{}")));
    assertThat(webhook.tenant()).contains(tenant);
    assertThatThrownBy(() -> inbox.accept(webhook))
        .isInstanceOf(InboxException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tenant.substring(0, 20)));
    assertThat(rows("1 = 1")).isZero();
    VerifiedWebhook fits =
        verified(
            Deliveries.anyTenant(), Deliveries.standardFor("t".repeat(256), "m1", 1L, utf8("{}")));
    assertThat(inbox.accept(fits)).isEqualTo(Acceptance.ACCEPTED);
    assertThat(stored(fits).tenant()).contains("t".repeat(256));
  }

  @Test
  void accept_hostileContentType_isNotKeptAndTheDeliveryIs() throws Exception {
    byte[] body = utf8("{\"ct\":1}");
    VerifiedWebhook longType =
        verified(GITHUB, github(body, "Content-Type", "a/b; x=" + "y".repeat(5000)));
    assertThat(inbox.accept(longType)).isEqualTo(Acceptance.ACCEPTED);
    assertThat(stored(longType).contentType()).isEmpty();
    VerifiedWebhook control =
        verified(GITHUB, github(utf8("{\"ct\":2}"), "Content-Type", "text/plain\u0000x"));
    assertThat(inbox.accept(control)).isEqualTo(Acceptance.ACCEPTED);
    assertThat(stored(control).contentType()).isEmpty();
  }

  @Test
  void accept_onConnectionsWithoutAutoCommit_isCommittedBeforeReturning() throws Exception {
    DeliveryInbox manual = inboxOn(Faults.withoutAutoCommit(dataSource())).build();
    VerifiedWebhook webhook = delivery("{\"manual\":1}");
    assertThat(manual.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    // Read on another connection: the row is there, so the sender may be acknowledged.
    assertThat(rowsWithKey(key(webhook))).isEqualTo(1);
    assertThat(manual.accept(delivery("{\"manual\":1}"))).isEqualTo(Acceptance.DUPLICATE);
    StoredDelivery leased = manual.lease("m", 5, LEASE).get(0);
    assertThat(manual.complete(leased, "m")).isTrue();
    assertThat(stored(webhook).status()).isEqualTo(DeliveryStatus.COMPLETED);
  }

  @Test
  void onAccepted_wakesOncePerAcceptedDelivery_andAThrowingWakeChangesNothing() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    inbox.onAccepted(wakes::incrementAndGet);
    inbox.onAccepted(
        () -> {
          throw new IllegalStateException("a broken wake");
        });
    assertThat(inbox.accept(delivery("{\"wake\":1}"))).isEqualTo(Acceptance.ACCEPTED);
    assertThat(inbox.accept(delivery("{\"wake\":1}"))).isEqualTo(Acceptance.DUPLICATE);
    assertThat(inbox.accept(delivery("{\"wake\":2}"))).isEqualTo(Acceptance.ACCEPTED);
    assertThat(wakes).hasValue(2);
  }

  // --- lease and settle ---

  @Test
  void lease_dueDeliveries_oldestFirstUpToMax_eachAttemptCounted() throws Exception {
    VerifiedWebhook first = delivery("{\"o\":1}");
    VerifiedWebhook second = delivery("{\"o\":2}");
    VerifiedWebhook third = delivery("{\"o\":3}");
    inbox.accept(third); // stored first, so due first
    clock.advance(Duration.ofSeconds(1));
    inbox.accept(first);
    clock.advance(Duration.ofSeconds(1));
    inbox.accept(second);
    List<StoredDelivery> leased = inbox.lease("w1", 2, LEASE);
    assertThat(leased)
        .extracting(StoredDelivery::deliveryKey)
        .containsExactly(key(third).value(), key(first).value());
    for (StoredDelivery d : leased) {
      assertThat(d.status()).isEqualTo(DeliveryStatus.PROCESSING);
      assertThat(d.attempt()).isEqualTo(1);
      assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plus(LEASE));
      assertThat(d.leaseOwner()).isEqualTo("w1");
    }
    assertThat(inbox.lease("w2", 10, LEASE))
        .extracting(StoredDelivery::deliveryKey)
        .containsExactly(key(second).value());
    assertThat(inbox.lease("w3", 10, LEASE)).isEmpty();
    assertThat(stored(first).status()).isEqualTo(DeliveryStatus.PROCESSING);
  }

  @Test
  void lease_retryNotDueYet_waitsUntilExactlyDue() throws Exception {
    VerifiedWebhook webhook = delivery("{\"retry\":1}");
    inbox.accept(webhook);
    StoredDelivery first = leaseOne("w");
    Instant next = clock.instant().plus(Duration.ofSeconds(30));
    assertThat(inbox.retryAt(first, "w", next, "java.io.IOException: down")).isTrue();
    StoredDelivery pending = stored(webhook);
    assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.nextAttemptAt()).isEqualTo(next);
    assertThat(pending.lastError()).contains("java.io.IOException: down");
    assertThat(pending.leaseOwner()).isNull();
    assertThat(pending.attempt()).isEqualTo(1);
    clock.set(next.minusMillis(1));
    assertThat(inbox.lease("w", 10, LEASE)).isEmpty();
    clock.set(next);
    StoredDelivery second = leaseOne("w");
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(inbox.retryAt(first, "w", next, "stale")).isFalse(); // the old attempt's snapshot
    assertThat(inbox.complete(second, "w")).isTrue();
    StoredDelivery done = stored(webhook);
    assertThat(done.status()).isEqualTo(DeliveryStatus.COMPLETED);
    assertThat(done.lastError()).isEmpty();
  }

  @Test
  void lease_expiredLease_isTakenOver_andTheStaleOwnerCannotSettle() throws Exception {
    VerifiedWebhook webhook = delivery("{\"takeover\":1}");
    inbox.accept(webhook);
    StoredDelivery byA = leaseOne("worker-a");
    clock.advance(LEASE.minusMillis(1));
    assertThat(inbox.lease("worker-b", 10, LEASE)).isEmpty(); // still A's
    clock.advance(Duration.ofMillis(1));
    StoredDelivery byB = leaseOne("worker-b"); // A's lease ended: B takes over
    assertThat(byB.attempt()).isEqualTo(2);
    assertThat(inbox.complete(byA, "worker-a")).isFalse();
    assertThat(inbox.retryAt(byA, "worker-a", clock.instant(), "late")).isFalse();
    assertThat(inbox.bury(byA, "worker-a", "late")).isFalse();
    assertThat(inbox.complete(byA, "worker-b")).isFalse(); // B's name on A's attempt
    assertThat(stored(webhook).status()).isEqualTo(DeliveryStatus.PROCESSING);
    assertThat(inbox.complete(byB, "worker-b")).isTrue();
    assertThat(inbox.complete(byB, "worker-b")).isFalse(); // settled once
    assertThat(stored(webhook).status()).isEqualTo(DeliveryStatus.COMPLETED);
  }

  @Test
  void settle_sameOwnerStaleAttempt_doesNotApply() throws Exception {
    inbox.accept(delivery("{\"same-owner\":1}"));
    StoredDelivery attempt1 = leaseOne("pool");
    clock.advance(LEASE);
    StoredDelivery attempt2 = leaseOne("pool");
    assertThat(inbox.bury(attempt1, "pool", "stale")).isFalse();
    assertThat(inbox.complete(attempt1, "pool")).isFalse();
    assertThat(inbox.complete(attempt2, "pool")).isTrue();
  }

  @Test
  void settle_afterRequeue_theOldLeaseCannotSettleTheNewRun() throws Exception {
    VerifiedWebhook webhook = delivery("{\"aba\":1}");
    inbox.accept(webhook);
    StoredDelivery old = leaseOne("pool");
    assertThat(inbox.bury(old, "pool", "gave up")).isTrue();
    assertThat(inbox.requeue(key(webhook))).isTrue();
    clock.advance(Duration.ofSeconds(1));
    StoredDelivery again = leaseOne("pool"); // same owner, attempt 1 again, a new lease end
    assertThat(again.attempt()).isEqualTo(old.attempt());
    assertThat(inbox.complete(old, "pool")).isFalse();
    assertThat(inbox.complete(again, "pool")).isTrue();
  }

  @Test
  void bury_recordsTheError_cleanedAndCut() throws Exception {
    VerifiedWebhook webhook = delivery("{\"bury\":1}");
    inbox.accept(webhook);
    String error = "java.lang.IllegalStateException: \u0000bad\nline " + "x".repeat(5000);
    assertThat(inbox.bury(leaseOne("w"), "w", error)).isTrue();
    StoredDelivery dead = stored(webhook);
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(dead.leaseOwner()).isNull();
    String kept = dead.lastError().orElseThrow();
    assertThat(kept)
        .hasSize(DeliveryInbox.MAX_ERROR)
        .startsWith("java.lang.IllegalStateException:  bad line x");
    assertThat(kept).doesNotContain("\u0000", "\n");
    assertThat(inbox.lease("w", 10, LEASE)).isEmpty(); // the dead are not due
  }

  @Test
  void lease_concurrentWorkersOnSeparateConnections_neverShareADelivery() throws Exception {
    int deliveries = 40;
    for (int i = 0; i < deliveries; i++) {
      inbox.accept(delivery("{\"share\":" + i + "}"));
    }
    int workers = 4;
    Map<Long, String> leasedBy = new ConcurrentHashMap<>();
    AtomicInteger doubles = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String owner = "worker-" + w;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  List<StoredDelivery> batch;
                  while (!(batch = inbox.lease(owner, 3, LEASE)).isEmpty()) {
                    for (StoredDelivery d : batch) {
                      if (leasedBy.putIfAbsent(d.id(), owner) != null) {
                        doubles.incrementAndGet();
                      }
                      inbox.complete(d, owner);
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(doubles).hasValue(0);
    assertThat(leasedBy).hasSize(deliveries);
    assertThat(inbox.counts()).containsEntry(DeliveryStatus.COMPLETED, (long) deliveries);
  }

  @Test
  void lease_badArguments_areRefusedBeforeTheDatabase() {
    assertThatThrownBy(() -> inbox.lease("", 1, LEASE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease("o".repeat(201), 1, LEASE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease("o", 0, LEASE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease("o", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lease_hugeLease_isCappedNotAFailure() throws Exception {
    inbox.accept(delivery("{\"huge\":1}"));
    StoredDelivery d = inbox.lease("w", 1, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)).get(0);
    assertThat(d.nextAttemptAt()).isEqualTo(START.plus(Duration.ofDays(36_525)));
    assertThat(inbox.complete(d, "w")).isTrue();
  }

  // --- operations ---

  @Test
  void requeue_deadDelivery_isPendingDueNowWithAttemptsReset() throws Exception {
    VerifiedWebhook webhook = delivery("{\"requeue\":1}");
    inbox.accept(webhook);
    inbox.bury(leaseOne("w"), "w", "failed");
    clock.advance(Duration.ofHours(1));
    assertThat(inbox.requeue(key(webhook))).isTrue();
    StoredDelivery d = stored(webhook);
    assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(d.attempt()).isZero();
    assertThat(d.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(d.leaseOwner()).isNull();
    assertThat(d.lastError()).contains("failed"); // kept for the operator until the next attempt
    assertThat(inbox.requeue(key(webhook))).isFalse(); // not dead any more
    assertThat(inbox.requeue(DeliveryKey.of("github", "never-stored"))).isFalse();
    assertThat(leaseOne("w").attempt()).isEqualTo(1);
  }

  @Test
  void requeue_pendingOrProcessingOrCompleted_isRefused() throws Exception {
    VerifiedWebhook pending = delivery("{\"p\":1}");
    inbox.accept(pending);
    assertThat(inbox.requeue(key(pending))).isFalse();
    StoredDelivery leased = leaseOne("w");
    assertThat(inbox.requeue(key(pending))).isFalse();
    inbox.complete(leased, "w");
    assertThat(inbox.requeue(key(pending))).isFalse();
    assertThat(stored(pending).status()).isEqualTo(DeliveryStatus.COMPLETED);
  }

  @Test
  void requeueDead_revivesEveryDeadOne_andOnlyThose() throws Exception {
    for (int i = 0; i < 3; i++) {
      inbox.accept(delivery("{\"dead\":" + i + "}"));
      inbox.bury(leaseOne("w"), "w", "x");
    }
    inbox.accept(delivery("{\"alive\":1}"));
    assertThat(inbox.requeueDead()).isEqualTo(3);
    assertThat(inbox.requeueDead()).isZero();
    assertThat(inbox.counts())
        .containsEntry(DeliveryStatus.PENDING, 4L)
        .containsEntry(DeliveryStatus.DEAD, 0L);
  }

  @Test
  void purgeCompleted_deletesOnlyCompletedOnesPastRetention_andAPurgedReplayIsNew()
      throws Exception {
    VerifiedWebhook done = delivery("{\"purge\":1}");
    inbox.accept(done);
    inbox.complete(leaseOne("w"), "w");
    Instant completedAt = clock.instant();
    inbox.accept(delivery("{\"purge\":\"pending\"}"));
    inbox.accept(delivery("{\"purge\":\"dead\"}"));
    inbox.bury(leaseOne("w"), "w", "x");
    Duration retention = Duration.ofDays(31);
    clock.set(completedAt.plus(retention).minusMillis(1));
    assertThat(inbox.purgeCompleted(retention)).isZero();
    clock.set(completedAt.plus(retention));
    assertThat(inbox.purgeCompleted(retention)).isEqualTo(1);
    assertThat(inbox.find(key(done))).isEmpty();
    assertThat(rows("1 = 1")).isEqualTo(2);
    clock.advance(Duration.ofDays(3650));
    assertThat(inbox.purgeCompleted(Duration.ZERO)).isZero(); // pending and dead stay
    // Documented: once purged, a replay of the delivery is accepted again.
    assertThat(inbox.accept(delivery("{\"purge\":1}"))).isEqualTo(Acceptance.ACCEPTED);
  }

  @Test
  void purgeCompleted_hugeOrNegativeRetention() throws Exception {
    inbox.accept(delivery("{\"keep\":1}"));
    inbox.complete(leaseOne("w"), "w");
    assertThat(inbox.purgeCompleted(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isZero();
    assertThatThrownBy(() -> inbox.purgeCompleted(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rows("1 = 1")).isEqualTo(1);
  }

  @Test
  void counts_everyStatus_zerosIncluded() throws Exception {
    assertThat(inbox.counts())
        .containsOnlyKeys(DeliveryStatus.values())
        .containsValues(0L)
        .doesNotContainValue(1L);
    for (int i = 0; i < 4; i++) {
      inbox.accept(delivery("{\"count\":" + i + "}"));
    }
    inbox.complete(leaseOne("w"), "w");
    inbox.bury(leaseOne("w"), "w", "x");
    leaseOne("w");
    Map<DeliveryStatus, Long> counts = inbox.counts();
    assertThat(counts)
        .containsEntry(DeliveryStatus.PENDING, 1L)
        .containsEntry(DeliveryStatus.PROCESSING, 1L)
        .containsEntry(DeliveryStatus.COMPLETED, 1L)
        .containsEntry(DeliveryStatus.DEAD, 1L);
    assertThatThrownBy(() -> counts.put(DeliveryStatus.DEAD, 5L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // --- a failing database ---

  @Test
  void failingDatabase_everyCallIsAnInboxException_withoutKeyOrBody() throws Exception {
    VerifiedWebhook webhook = delivery("{\"secret-body\":\"s3cr3t\"}");
    String keyValue = key(webhook).value();
    for (DataSource broken :
        List.of(Faults.refusing(), Faults.closedPool(), Faults.unreachablePostgres())) {
      DeliveryInbox failing = inboxOn(broken).build();
      List<ThrowingCall> calls =
          List.of(
              () -> failing.accept(webhook),
              () -> failing.find(key(webhook)),
              () -> failing.requeue(key(webhook)),
              failing::requeueDead,
              () -> failing.purgeCompleted(Duration.ofDays(1)),
              failing::counts,
              () -> failing.lease("w", 1, LEASE));
      for (ThrowingCall call : calls) {
        assertThatThrownBy(call::run)
            .isInstanceOf(InboxException.class)
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .startsWith("inbox ")
                        .doesNotContain(keyValue, "s3cr3t", "content-"));
      }
    }
  }

  @Test
  void failingStatement_isAnInboxException_andNothingIsStored() throws Exception {
    // The table is gone: the statement fails at the database, not at the connection.
    DeliveryInbox missing = inboxOn(dataSource()).table(table + "_missing").build();
    assertThatThrownBy(() -> missing.accept(delivery("{\"gone\":1}")))
        .isInstanceOf(InboxException.class)
        .hasMessageContaining("SQLState");
    assertThat(rows("1 = 1")).isZero();
  }

  @Test
  void accept_anotherConstraintViolated_isAFailureNeverADuplicate() throws Exception {
    // SQLState 23xxx is also a CHECK violation: read as a duplicate, the delivery would be
    // acknowledged and never stored.
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + table + " ADD CONSTRAINT no_github CHECK (provider <> 'github')");
    }
    assertThatThrownBy(() -> inbox.accept(delivery("{\"check\":1}")))
        .isInstanceOf(InboxException.class)
        .hasMessageContaining("SQLState 23");
    assertThat(rows("1 = 1")).isZero();
  }

  @Test
  void accept_tableLockedByAnother_failsWithinTheQueryTimeout() throws Exception {
    DeliveryInbox impatient = inboxOn(dataSource()).queryTimeout(Duration.ofSeconds(1)).build();
    try (Connection locker = dataSource().getConnection();
        Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      long start = System.nanoTime();
      assertThatThrownBy(() -> impatient.accept(delivery("{\"locked\":1}")))
          .isInstanceOf(InboxException.class)
          .hasMessageContaining("SQLState");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      locker.rollback();
    }
    assertThat(rows("1 = 1")).isZero(); // refused, so the sender retries; nothing half-stored
    assertThat(impatient.accept(delivery("{\"locked\":1}"))).isEqualTo(Acceptance.ACCEPTED);
  }

  @FunctionalInterface
  interface ThrowingCall {
    Object run() throws Exception;
  }

  // --- table and DDL ---

  @Test
  void table_namesThatAreNotPlainIdentifiers_areRefused() {
    for (String bad :
        List.of(
            "inbox; DROP TABLE users",
            "inbox--",
            "\"inbox\"",
            "a.b.c",
            "1inbox",
            "",
            "x".repeat(64))) {
      assertThatThrownBy(() -> DeliveryInbox.builder(dataSource()).table(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void createTableSql_schemaQualifiedTable_runsAndWorks() throws Exception {
    String schema = "s" + table;
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      DeliveryInbox qualified = inboxOn(dataSource()).table(schema + ".webhook_inbox").build();
      String ddl = qualified.createTableSql();
      assertThat(ddl)
          .contains(schema + ".webhook_inbox (")
          .contains(
              "INDEX "
                  + (ddl.contains("IF NOT EXISTS") ? "IF NOT EXISTS " : "")
                  + "webhook_inbox_due")
          .doesNotContain("hookverify_inbox");
      s.execute(ddl);
      VerifiedWebhook webhook = delivery("{\"schema\":1}");
      assertThat(qualified.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
      assertThat(qualified.find(key(webhook))).isPresent();
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void toString_namesDialectAndTable_only() {
    assertThat(inbox.toString()).isEqualTo("DeliveryInbox{" + dialect() + ", " + table + "}");
  }
}
