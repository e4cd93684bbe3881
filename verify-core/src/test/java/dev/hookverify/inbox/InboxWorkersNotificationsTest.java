package dev.hookverify.inbox;

import static dev.hookverify.inbox.InboxFixture.accept;
import static dev.hookverify.inbox.InboxFixture.await;
import static dev.hookverify.inbox.InboxFixture.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.testing.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** PostgreSQL LISTEN/NOTIFY wakes idle pools in other processes; polling stays the fallback. */
class InboxWorkersNotificationsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  /**
   * Deliveries accepted by another inbox instance (as another process would) reach a pool that
   * polls once an hour: only the NOTIFY can have woken it.
   */
  @Test
  void notifications_acceptedElsewhere_wakeAnIdlePoolAtOnce() throws Exception {
    DeliveryInbox accepting =
        InboxFixture.inbox(PostgresServer.dataSource(), "wk_notify", Clock.systemUTC());
    DeliveryInbox working =
        DeliveryInbox.builder(PostgresServer.get().getPostgresDatabase())
            .table("wk_notify")
            .build();
    AtomicInteger runs = new AtomicInteger();
    try (InboxWorkers w =
        InboxWorkers.builder(working, d -> runs.incrementAndGet())
            .workerId("listening")
            .pollInterval(Duration.ofHours(1))
            .notifications(PostgresServer.get().getPostgresDatabase())
            .start()) {
      await("listening", WAIT, w::isListening);
      for (int i = 1; i <= 3; i++) {
        DeliveryKey key = accept(accepting, "{\"notify\":" + i + "}");
        await(
            "completed " + i,
            WAIT,
            () -> find(accepting, key).status() == DeliveryStatus.COMPLETED);
      }
      assertThat(runs).hasValue(3);
    }
    assertThat(threadAlive("hookverify-inbox-listening-listener")).isFalse();
  }

  @Test
  void notifications_connectionFails_pollingStillProcesses() throws Exception {
    DeliveryInbox inbox =
        InboxFixture.inbox(PostgresServer.dataSource(), "wk_notify_down", Clock.systemUTC());
    AtomicInteger runs = new AtomicInteger();
    try (InboxWorkers w =
        InboxWorkers.builder(inbox, d -> runs.incrementAndGet())
            .pollInterval(Duration.ofMillis(20))
            .notifications(PostgresServer.get().getDatabase("postgres", "no_such_database"))
            .start()) {
      DeliveryInbox elsewhere =
          DeliveryInbox.builder(PostgresServer.dataSource()).table("wk_notify_down").build();
      DeliveryKey key = accept(elsewhere, "{\"notify\":\"polled\"}");
      await("completed", WAIT, () -> find(inbox, key).status() == DeliveryStatus.COMPLETED);
      assertThat(w.isListening()).isFalse();
      assertThat(runs).hasValue(1);
    }
  }

  @Test
  void notifications_standardDialect_refusedAtOnce() {
    DeliveryInbox standard =
        DeliveryInbox.builder(PostgresServer.dataSource())
            .dialect(DeliveryInbox.Dialect.STANDARD)
            .build();
    assertThatThrownBy(
            () ->
                InboxWorkers.builder(standard, d -> {}).notifications(PostgresServer.dataSource()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
