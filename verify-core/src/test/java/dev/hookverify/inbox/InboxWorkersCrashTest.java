package dev.hookverify.inbox;

import static dev.hookverify.inbox.InboxFixture.accept;
import static dev.hookverify.inbox.InboxFixture.await;
import static dev.hookverify.inbox.InboxFixture.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.testing.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Crashes around the workers on real PostgreSQL: a worker process killed mid-handler, and the
 * database stopped and restarted under running workers.
 */
class InboxWorkersCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * A worker process is killed (SIGKILL) while its handler runs: its lease ends by itself, another
   * pool takes the delivery over, and it runs once more, not twice more.
   */
  @Test
  void workerKilledMidHandler_leaseEndsAndAnotherPoolRunsItOnceMore() throws Exception {
    String table = "wk_killed";
    DeliveryInbox inbox = InboxFixture.inbox(PostgresServer.dataSource(), table, Clock.systemUTC());
    DeliveryKey key = accept(inbox, "{\"killed\":1}");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process doomed =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                WorkerProcess.class.getName(),
                PostgresServer.get().getJdbcUrl("postgres", "postgres"),
                table,
                "1500")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(doomed.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine(); // blocks until the handler runs there (or the process ends)
      seen.add(line);
      assertThat(line).isEqualTo("RUNNING 1");
      assertThat(find(inbox, key).status()).isEqualTo(DeliveryStatus.PROCESSING);
    } finally {
      doomed.destroyForcibly();
      assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    try (InboxWorkers survivor =
        InboxWorkers.builder(inbox, d -> attempts.add(d.attempt()))
            .pollInterval(Duration.ofMillis(50))
            .start()) {
      await("taken over", WAIT, () -> find(inbox, key).status() == DeliveryStatus.COMPLETED);
      assertThat(attempts).containsExactly(2); // the killed run was attempt 1
      assertThat(survivor.completed()).isEqualTo(1);
    }
    assertThat(seen).containsExactly("RUNNING 1");
  }

  /** A PostgreSQL server on {@code data} and {@code port}, so a restart finds the same rows. */
  private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static boolean acknowledged(DeliveryInbox inbox, VerifiedWebhook w) {
    try {
      inbox.accept(w); // ACCEPTED, or DUPLICATE if an earlier try was stored
      return true;
    } catch (InboxException e) {
      return false;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * PostgreSQL (a server of this test's own) is stopped while workers run and started again on the
   * same data: nothing accepted is lost, the pool resumes by itself, and only deliveries whose
   * handlers were running at the stop may run twice.
   */
  @Test
  void postgresRestartedWhileWorkersRun_nothingLostAndProcessingResumes() throws Exception {
    Path data = Files.createTempDirectory("hookverify-inbox-restart");
    int port = freePort();
    EmbeddedPostgres server = startPostgres(data, port);
    int threads = 4;
    int before = 300;
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    DeliveryHandler handler =
        d -> {
          Thread.sleep(2);
          runs.computeIfAbsent(d.deliveryKey(), k -> new AtomicInteger()).incrementAndGet();
        };
    // The pool reconnects to the same port after the restart.
    try {
      DataSource pool = TestPool.over(server.getPostgresDatabase());
      DeliveryInbox inbox = InboxFixture.inbox(pool, "wk_restart", Clock.systemUTC());
      List<DeliveryKey> keys = new ArrayList<>();
      for (int i = 0; i < before; i++) {
        keys.add(accept(inbox, "{\"restart\":" + i + "}"));
      }
      try (InboxWorkers w =
          InboxWorkers.builder(inbox, handler)
              .threads(threads)
              .lease(Duration.ofSeconds(3))
              .pollInterval(Duration.ofMillis(20))
              .start()) {
        await("some processed", WAIT, () -> w.completed() >= 30);
        server.close(); // stopped under running workers
        assertThatThrownBy(() -> accept(inbox, "{\"restart\":\"refused\"}"))
            .isInstanceOf(InboxException.class);
        long stoppedAt = w.completed();
        server = startPostgres(data, port);
        for (int i = 0; i < 20; i++) {
          // As a sender does: retried until acknowledged (the pool reconnects in the meantime).
          VerifiedWebhook late = InboxFixture.webhook("{\"restart\":\"after\"," + i + "}");
          await("accepted after the restart", WAIT, () -> acknowledged(inbox, late));
          keys.add(late.deliveryKey());
        }
        await(
            "all completed after the restart",
            Duration.ofSeconds(60),
            () -> inbox.counts().get(DeliveryStatus.COMPLETED) == keys.size());
        assertThat(stoppedAt).isLessThan(before); // the stop came with work left
        assertThat(inbox.counts())
            .containsEntry(DeliveryStatus.PENDING, 0L)
            .containsEntry(DeliveryStatus.PROCESSING, 0L)
            .containsEntry(DeliveryStatus.DEAD, 0L);
        List<String> missing = new ArrayList<>();
        int twice = 0;
        for (DeliveryKey key : keys) {
          AtomicInteger n = runs.get(key.value());
          if (n == null) {
            missing.add(key.value());
          } else if (n.get() > 1) {
            twice += n.get() - 1;
          }
        }
        assertThat(missing).isEmpty();
        assertThat(twice).isLessThanOrEqualTo(threads); // only runs in flight at the stop
      }
    } finally {
      server.close();
    }
  }
}
