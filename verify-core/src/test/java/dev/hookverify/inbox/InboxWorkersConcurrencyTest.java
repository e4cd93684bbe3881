package dev.hookverify.inbox;

import static dev.hookverify.inbox.InboxFixture.accept;
import static dev.hookverify.inbox.InboxFixture.await;
import static dev.hookverify.inbox.InboxFixture.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Signing.MutableClock;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.testing.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Pools side by side on real PostgreSQL: two pools on separate data sources over one table, a
 * handler that overruns its lease, and close() with handlers running.
 */
class InboxWorkersConcurrencyTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static boolean poolThreadsAlive(String workerId) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("hookverify-inbox-" + workerId + "-") && t.isAlive());
  }

  @Test
  void twoPools_separateDataSources_neverRunADeliveryTwiceAtOnceAndCompleteEachOnce()
      throws Exception {
    // Two pools, each with its own connection pool: separate connections, as separate processes.
    DataSource poolA = TestPool.over(PostgresServer.dataSource());
    DataSource poolB = TestPool.over(PostgresServer.get().getPostgresDatabase());
    twoPools(
        InboxFixture.inbox(poolA, "wk_two_pools", Clock.systemUTC()),
        DeliveryInbox.builder(poolB).table("wk_two_pools").build());
  }

  private static void twoPools(DeliveryInbox first, DeliveryInbox second) throws Exception {
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    DeliveryHandler handler =
        d -> {
          String key = d.deliveryKey();
          if (!inFlight.add(key)) {
            overlaps.add(key);
          }
          try {
            Thread.sleep(1 + (d.id() % 4)); // a few ms of work
          } finally {
            inFlight.remove(key);
          }
          runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        };
    int deliveries = 500;
    // A backlog first, so both pools start on it at once and compete for every batch.
    for (int i = 0; i < deliveries; i++) {
      accept(first, "{\"two-pools\":" + i + "}");
    }
    try (InboxWorkers a =
            InboxWorkers.builder(first, handler)
                .workerId("pool-a")
                .threads(4)
                .batchSize(8)
                .pollInterval(Duration.ofMillis(20))
                .start();
        InboxWorkers b =
            InboxWorkers.builder(second, handler)
                .workerId("pool-b")
                .threads(4)
                .batchSize(8)
                .pollInterval(Duration.ofMillis(20))
                .start()) {
      await(
          deliveries + " completed",
          Duration.ofSeconds(60),
          () -> first.counts().get(DeliveryStatus.COMPLETED) == deliveries);
      assertThat(overlaps).isEmpty();
      assertThat(runs).hasSize(deliveries);
      assertThat(runs.values()).allMatch(n -> n.get() == 1);
      assertThat(a.completed() + b.completed()).isEqualTo(deliveries);
      assertThat(a.completed()).isPositive();
      assertThat(b.completed()).isPositive();
      assertThat(a.failed() + b.failed()).isZero();
    }
    // A pool's executor counts as terminated while its last thread is still leaving run().
    await("pool-a's threads ended", WAIT, () -> !poolThreadsAlive("pool-a"));
    await("pool-b's threads ended", WAIT, () -> !poolThreadsAlive("pool-b"));
  }

  /**
   * The pool's own lease ends while the handler still runs, and the pool leases the delivery again:
   * it does not start it twice, and the running handler's outcome is recorded under the new lease.
   */
  @Test
  void overrun_samePoolLeasesAgain_notStartedTwiceAndCompletedUnderTheNewLease() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_overrun", clock);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    DeliveryHandler handler =
        d -> {
          runs.incrementAndGet();
          entered.countDown();
          release.await();
        };
    try (InboxWorkers w =
        InboxWorkers.builder(inbox, handler)
            .threads(2)
            .lease(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(10))
            .start()) {
      DeliveryKey key = accept(inbox, "{\"overrun\":1}");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      clock.advance(Duration.ofMinutes(1)); // the lease ends with the handler still running
      await("leased again", WAIT, () -> find(inbox, key).attempt() == 2);
      assertThat(find(inbox, key).status()).isEqualTo(DeliveryStatus.PROCESSING);
      release.countDown();
      await("completed", WAIT, () -> find(inbox, key).status() == DeliveryStatus.COMPLETED);
      assertThat(runs).hasValue(1);
      assertThat(w.completed()).isEqualTo(1);
    }
  }

  @Test
  void close_withAHandlerRunning_waitsForItAndStopsLeasing() throws Exception {
    DeliveryInbox inbox =
        InboxFixture.inbox(PostgresServer.dataSource(), "wk_close", Clock.systemUTC());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    DeliveryHandler handler =
        d -> {
          runs.incrementAndGet();
          entered.countDown();
          release.await();
        };
    ExecutorService closer = Executors.newSingleThreadExecutor();
    try {
      InboxWorkers w =
          InboxWorkers.builder(inbox, handler)
              .workerId("closing")
              .pollInterval(Duration.ofMillis(10))
              .shutdownTimeout(Duration.ofSeconds(20))
              .start();
      assertThat(inbox.wakeCallbacks()).as("the running pool's wake").isEqualTo(1);
      DeliveryKey key = accept(inbox, "{\"close\":1}");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> closing = closer.submit(w::close);
      await(
          "dispatcher stopped",
          WAIT,
          () ->
              Thread.getAllStackTraces().keySet().stream()
                  .noneMatch(t -> t.getName().equals("hookverify-inbox-closing-dispatcher")));
      DeliveryKey late = accept(inbox, "{\"close\":\"after\"}");
      assertThat(closing.isDone()).as("close() returned with a handler running").isFalse();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);
      assertThat(find(inbox, key).status()).isEqualTo(DeliveryStatus.COMPLETED);
      assertThat(w.completed()).isEqualTo(1);
      await("the pool's threads ended", WAIT, () -> !poolThreadsAlive("closing"));
      // Nothing leased it after close: no thread of the pool is left to.
      assertThat(find(inbox, late).status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(find(inbox, late).attempt()).isZero();
      assertThat(runs).hasValue(1);
      assertThat(inbox.wakeCallbacks()).as("a closed pool stays reachable").isZero();
      w.close(); // again: returns at once
    } finally {
      release.countDown();
      closer.shutdownNow();
    }
  }

  /**
   * A handler outlasts the shutdown timeout (hung, or its process about to die): close() returns in
   * time without interrupting it, the delivery stays leased, another pool takes it over when the
   * lease ends, and the hung run's late outcome is dropped: one run more, not two.
   */
  @Test
  void close_handlerOutlastsTheTimeout_returnsInTimeAndTheDeliveryIsTakenOverOnce()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_hung", clock);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch hungDone = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Map<Integer, AtomicInteger> runsByAttempt = new ConcurrentHashMap<>();
    DeliveryHandler hung =
        d -> {
          runsByAttempt.computeIfAbsent(d.attempt(), k -> new AtomicInteger()).incrementAndGet();
          entered.countDown();
          try {
            while (!release.await(10, TimeUnit.SECONDS)) {
              // hung
            }
          } catch (InterruptedException e) {
            interrupted.set(true);
          } finally {
            hungDone.countDown();
          }
        };
    Duration lease = Duration.ofMinutes(2);
    InboxWorkers first =
        InboxWorkers.builder(inbox, hung)
            .workerId("hung")
            .lease(lease)
            .pollInterval(Duration.ofMillis(10))
            .shutdownTimeout(Duration.ofMillis(200))
            .start();
    DeliveryKey key = accept(inbox, "{\"hung\":1}");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();
    first.close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(closeMillis).isBetween(150L, 5_000L);
    assertThat(find(inbox, key).status()).isEqualTo(DeliveryStatus.PROCESSING);

    clock.advance(lease.plusMillis(1));
    DeliveryHandler healthy =
        d -> runsByAttempt.computeIfAbsent(d.attempt(), k -> new AtomicInteger()).incrementAndGet();
    try (InboxWorkers second =
        InboxWorkers.builder(inbox, healthy).pollInterval(Duration.ofMillis(10)).start()) {
      await("taken over", WAIT, () -> find(inbox, key).status() == DeliveryStatus.COMPLETED);
      release.countDown();
      assertThat(hungDone.await(10, TimeUnit.SECONDS)).isTrue();
      await("the hung pool's threads ended", WAIT, () -> !poolThreadsAlive("hung"));
      assertThat(interrupted).isFalse();
      assertThat(first.completed()).isZero(); // its late outcome was refused
      assertThat(second.completed()).isEqualTo(1);
      assertThat(find(inbox, key).attempt()).isEqualTo(2);
      assertThat(runsByAttempt).containsOnlyKeys(1, 2);
      assertThat(runsByAttempt.values()).allMatch(n -> n.get() == 1);
    } finally {
      release.countDown();
    }
  }
}
