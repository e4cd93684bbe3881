package dev.hookverify.inbox;

import static dev.hookverify.inbox.InboxFixture.accept;
import static dev.hookverify.inbox.InboxFixture.await;
import static dev.hookverify.inbox.InboxFixture.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Signing.MutableClock;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.testing.PostgresServer;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Handler failures on real PostgreSQL with an injected clock: the backoff schedule to the
 * millisecond, jitter within its bounds, dead after the last attempt, requeue, Errors and poison
 * messages, and take-overs past the last attempt.
 */
class InboxWorkersRetryTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(T0);

  private InboxWorkers.Builder workers(DeliveryInbox inbox, DeliveryHandler handler) {
    return InboxWorkers.builder(inbox, handler)
        .threads(4)
        .lease(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(10))
        .shutdownTimeout(Duration.ofSeconds(5));
  }

  /**
   * Proves a delivery is not due now: a probe accepted now is leased and completed by a query that
   * ran at the current (frozen) clock, and the delivery was not leased by it or since.
   */
  private static void assertNotDue(DeliveryInbox inbox, DeliveryKey key, int attempt, String probe)
      throws Exception {
    DeliveryKey p = accept(inbox, probe);
    await(probe + " completed", WAIT, () -> find(inbox, p).status() == DeliveryStatus.COMPLETED);
    StoredDelivery d = find(inbox, key);
    assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(d.attempt()).isEqualTo(attempt);
  }

  @Test
  void failures_noJitter_followTheScheduleExactlyThenDead() throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_schedule", clock);
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(30)).withMaxAttempts(4);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DeliveryHandler handler =
        d -> {
          if (d.bodyAsString().contains("poison")) {
            attempts.add(d.attempt());
            throw new IllegalStateException("always fails");
          }
        };
    try (InboxWorkers w = workers(inbox, handler).retry(policy).start()) {
      DeliveryKey key = accept(inbox, "{\"poison\":1}");
      Instant due = T0;
      Duration[] delays = {Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)};
      for (int attempt = 1; attempt <= 4; attempt++) {
        if (attempt > 1) {
          clock.set(due.minusMillis(1));
          assertNotDue(inbox, key, attempt - 1, "{\"probe\":" + attempt + "}");
          clock.set(due);
        }
        int n = attempt;
        await(
            "attempt " + n + " recorded",
            WAIT,
            () -> {
              StoredDelivery d = find(inbox, key);
              return d.attempt() == n && d.status() != DeliveryStatus.PROCESSING;
            });
        StoredDelivery d = find(inbox, key);
        if (attempt < 4) {
          assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
          // Failed at `due` on the frozen clock: the next attempt exactly one delay later.
          assertThat(d.nextAttemptAt()).isEqualTo(due.plus(delays[attempt - 1]));
          due = d.nextAttemptAt();
        } else {
          assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
          assertThat(d.lastError()).contains("java.lang.IllegalStateException: always fails");
        }
      }
      // Dead is not due: a later probe runs, the dead one does not.
      clock.set(due.plus(Duration.ofDays(30)));
      DeliveryKey probe = accept(inbox, "{\"probe\":\"after-dead\"}");
      await("probe completed", WAIT, () -> find(inbox, probe).status() == DeliveryStatus.COMPLETED);
      assertThat(attempts).containsExactly(1, 2, 3, 4);
      assertThat(w.failed()).isEqualTo(4);
      assertThat(w.buried()).isEqualTo(1);
      assertThat(inbox.counts())
          .containsEntry(DeliveryStatus.DEAD, 1L)
          .containsEntry(DeliveryStatus.COMPLETED, 4L); // the probes
    }
  }

  @Test
  void failures_withJitter_dueWithinTheBoundsAndSpread() throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_jitter", clock);
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofMinutes(1))
            .withJitter(0.5)
            .withMaxAttempts(2);
    AtomicInteger runs = new AtomicInteger();
    DeliveryHandler handler =
        d -> {
          runs.incrementAndGet();
          throw new IllegalStateException("down");
        };
    List<DeliveryKey> keys = new ArrayList<>();
    try (InboxWorkers w = workers(inbox, handler).retry(policy).start()) {
      for (int i = 0; i < 20; i++) {
        keys.add(accept(inbox, "{\"jitter\":" + i + "}"));
      }
      await(
          "20 first failures",
          WAIT,
          () -> inbox.counts().get(DeliveryStatus.PENDING) == 20 && runs.get() == 20);
      Set<Instant> dues = new HashSet<>();
      List<String> outside = new ArrayList<>();
      for (DeliveryKey key : keys) {
        StoredDelivery d = find(inbox, key);
        Duration delay = Duration.between(T0, d.nextAttemptAt());
        if (delay.compareTo(Duration.ofSeconds(5)) < 0
            || delay.compareTo(Duration.ofSeconds(10)) > 0) {
          outside.add(key + ": " + delay);
        }
        dues.add(d.nextAttemptAt());
      }
      assertThat(outside).isEmpty();
      assertThat(dues).hasSizeGreaterThan(5); // 20 uniform draws over 5 s, millisecond-grained
      clock.set(T0.plusSeconds(10));
      await("all dead after 2 attempts", WAIT, () -> inbox.counts().get(DeliveryStatus.DEAD) == 20);
      assertThat(runs).hasValue(40);
      assertThat(w.buried()).isEqualTo(20);
    }
  }

  @Test
  void requeue_deadDelivery_runsAgainFromAttemptOne() throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_requeue", clock);
    AtomicBoolean fixed = new AtomicBoolean();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DeliveryHandler handler =
        d -> {
          attempts.add(d.attempt());
          if (!fixed.get()) {
            throw new IllegalStateException("downstream down");
          }
        };
    RetryPolicy once = RetryPolicy.DEFAULT.withMaxAttempts(1);
    try (InboxWorkers w = workers(inbox, handler).retry(once).start()) {
      DeliveryKey key = accept(inbox, "{\"requeue\":1}");
      await("dead", WAIT, () -> find(inbox, key).status() == DeliveryStatus.DEAD);
      assertThat(attempts).containsExactly(1);
      fixed.set(true);
      assertThat(inbox.requeue(key)).isTrue();
      await("completed", WAIT, () -> find(inbox, key).status() == DeliveryStatus.COMPLETED);
      assertThat(attempts).containsExactly(1, 1);
      assertThat(inbox.requeue(key)).isFalse(); // only dead deliveries
      assertThat(w.completed()).isEqualTo(1);
    }
  }

  /** A poison body that throws Errors: dead after exactly N runs, the thread and pool survive. */
  @Test
  void poison_throwingErrors_deadAfterMaxAttemptsWithoutAHotLoopAndTheThreadSurvives()
      throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_poison", clock);
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    DeliveryHandler handler =
        d -> {
          threads.add(Thread.currentThread());
          runs.computeIfAbsent(d.deliveryKey(), k -> new AtomicInteger()).incrementAndGet();
          String body = d.bodyAsString();
          if (body.contains("stack")) {
            throw new StackOverflowError("secret-body-marker " + body);
          }
          if (body.contains("heap")) {
            throw new OutOfMemoryError("secret-body-marker " + body);
          }
          if (body.contains("hostile")) {
            throw new IllegalStateException() {
              @Override
              public String getMessage() {
                throw new IllegalStateException("a message that cannot be read");
              }
            };
          }
        };
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofMillis(1), Duration.ofMillis(1)).withMaxAttempts(3);
    List<LogRecord> logs = new CopyOnWriteArrayList<>();
    Logger jul = Logger.getLogger(InboxWorkers.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logs.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(capture);
    try (InboxWorkers w = workers(inbox, handler).threads(1).retry(policy).start()) {
      DeliveryKey stack = accept(inbox, "{\"stack\":1}");
      DeliveryKey heap = accept(inbox, "{\"heap\":1}");
      DeliveryKey hostile = accept(inbox, "{\"hostile\":1}");
      // Each poll sees the retries due (1 ms later on a clock moved 1 s per check).
      await(
          "all three dead",
          WAIT,
          () -> {
            clock.advance(Duration.ofSeconds(1));
            return inbox.counts().get(DeliveryStatus.DEAD) == 3;
          });
      DeliveryKey fine = accept(inbox, "{\"fine\":1}");
      await("fine completed", WAIT, () -> find(inbox, fine).status() == DeliveryStatus.COMPLETED);
      assertThat(runs.get(stack.value())).hasValue(3);
      assertThat(runs.get(heap.value())).hasValue(3);
      assertThat(runs.get(hostile.value())).hasValue(3);
      assertThat(threads).hasSize(1); // the one handler thread survived every Error
      assertThat(find(inbox, stack).lastError())
          .get()
          .asString()
          .startsWith("java.lang.StackOverflowError");
      assertThat(find(inbox, heap).lastError())
          .get()
          .asString()
          .startsWith("java.lang.OutOfMemoryError");
      assertThat(find(inbox, hostile).lastError().orElseThrow())
          .startsWith("dev.hookverify.inbox.");
      assertThat(w.failed()).isEqualTo(9);
      assertThat(w.buried()).isEqualTo(3);
    } finally {
      jul.removeHandler(capture);
    }
    assertThat(logs).isNotEmpty();
    for (LogRecord r : logs) {
      String text = MessageFormat.format(r.getMessage(), r.getParameters());
      assertThat(text).doesNotContain("secret-body-marker").doesNotContain("{\"");
    }
  }

  /** A delivery whose earlier runs all died (leases ended, no outcome) is buried without a run. */
  @Test
  void takeOver_pastTheLastAttempt_buriedWithoutRunning() throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_exhausted", clock);
    DeliveryKey key = accept(inbox, "{\"crashes-every-worker\":1}");
    // Two workers leased it and died: each lease ended with no outcome recorded.
    for (String dead : List.of("crashed-1", "crashed-2")) {
      assertThat(inbox.lease(dead, 1, Duration.ofMinutes(1))).hasSize(1);
      clock.advance(Duration.ofMinutes(1));
    }
    AtomicInteger runs = new AtomicInteger();
    RetryPolicy two = RetryPolicy.DEFAULT.withMaxAttempts(2);
    try (InboxWorkers w = workers(inbox, d -> runs.incrementAndGet()).retry(two).start()) {
      await("dead", WAIT, () -> find(inbox, key).status() == DeliveryStatus.DEAD);
      assertThat(runs).hasValue(0);
      assertThat(find(inbox, key).attempt()).isEqualTo(3);
      assertThat(find(inbox, key).lastError().orElseThrow()).startsWith("not run: attempt 3");
      assertThat(w.buried()).isEqualTo(1);
    }
  }

  /**
   * A retry that comes due while its failed run is still finishing here (its outcome recorded, the
   * thread not yet free) is leased again by this pool: that lease is a new attempt and must run the
   * handler, not be settled with the finished run's failure. Made deterministic by holding the
   * failing thread right after its retry is recorded (at its log line) until the dispatcher has
   * leased the delivery again.
   */
  @Test
  void retryLeasedAgainWhileItsFailedRunFinishes_theNewAttemptRunsTheHandler() throws Exception {
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), "wk_release", clock);
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofMillis(1), Duration.ofMillis(1)).withMaxAttempts(3);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DeliveryHandler handler =
        d -> {
          attempts.add(d.attempt());
          throw new IllegalStateException("fails");
        };
    CountDownLatch leasedAgain = new CountDownLatch(1);
    AtomicBoolean held = new AtomicBoolean();
    Logger jul = Logger.getLogger(InboxWorkers.class.getName());
    Handler hold =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            String m = String.valueOf(r.getMessage());
            if (m.contains("still runs here past its lease")) {
              leasedAgain.countDown();
            } else if (m.contains("next attempt in") && held.compareAndSet(false, true)) {
              clock.advance(Duration.ofSeconds(1)); // the retry is due: the dispatcher leases it
              try {
                leasedAgain.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(hold);
    try (InboxWorkers w = workers(inbox, handler).retry(policy).start()) {
      DeliveryKey key = accept(inbox, "{\"leased-again\":1}");
      await(
          "the retry leased again while its run finished", WAIT, () -> leasedAgain.getCount() == 0);
      await(
          "dead",
          WAIT,
          () -> {
            clock.advance(Duration.ofSeconds(1));
            return find(inbox, key).status() == DeliveryStatus.DEAD;
          });
      assertThat(attempts).containsExactly(1, 2, 3);
      assertThat(w.failed()).isEqualTo(3);
    } finally {
      jul.removeHandler(hold);
    }
  }
}
