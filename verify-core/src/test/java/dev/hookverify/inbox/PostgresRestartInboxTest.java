package dev.hookverify.inbox;

import static dev.hookverify.Signing.utf8;
import static dev.hookverify.inbox.Deliveries.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.InboxVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and restarted under the inbox: while it is down every delivery is refused
 * (503, so the sender retries) and nothing is acknowledged; after the restart on the same data
 * directory and port, everything accepted before is there in the state it was left in, replays are
 * still duplicates, and the retried delivery is accepted. A server of its own, not the shared one.
 */
class PostgresRestartInboxTest {
  @TempDir Path dataDirectory;

  private EmbeddedPostgres start(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Reason reasonOf(InboxVerifier verifier, WebhookRequest request) {
    try {
      verifier.accept(request);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void stoppedAndRestarted_nothingAcceptedIsLost_andAcceptingResumes() throws Exception {
    int port = freePort();
    EmbeddedPostgres server = start(port);
    // The application's data source outlives the server, as a configured pool's URL does.
    DataSource dataSource = server.getPostgresDatabase();
    DeliveryInbox inbox =
        DeliveryInbox.builder(dataSource).queryTimeout(Duration.ofSeconds(2)).build();
    WebhookVerifier github = github();
    InboxVerifier verifier = InboxVerifier.builder(github, inbox).build();
    List<WebhookRequest> accepted = new ArrayList<>();
    try {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(inbox.createTableSql());
      }
      for (int i = 0; i < 40; i++) {
        WebhookRequest request = github(utf8("{\"before\":" + i + "}"));
        assertThat(reasonOf(verifier, request)).isNull();
        accepted.add(request);
      }
      List<StoredDelivery> leased = inbox.lease("w", 10, Duration.ofMinutes(5));
      for (StoredDelivery d : leased.subList(0, 5)) {
        assertThat(inbox.complete(d, "w")).isTrue();
      }
    } finally {
      server.close();
    }

    WebhookRequest duringOutage = github(utf8("{\"during\":1}"));
    assertThat(reasonOf(verifier, duringOutage)).isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
    VerifiedWebhook genuine = Deliveries.verified(github, duringOutage);
    assertThatThrownBy(() -> inbox.accept(genuine)).isInstanceOf(InboxException.class);
    assertThatThrownBy(inbox::counts).isInstanceOf(InboxException.class);
    assertThatThrownBy(() -> inbox.lease("w", 1, Duration.ofMinutes(1)))
        .isInstanceOf(InboxException.class);

    server = start(port);
    try {
      assertThat(inbox.counts())
          .isEqualTo(
              Map.of(
                  DeliveryStatus.PENDING, 30L,
                  DeliveryStatus.PROCESSING, 5L,
                  DeliveryStatus.COMPLETED, 5L,
                  DeliveryStatus.DEAD, 0L));
      for (WebhookRequest request : accepted) {
        VerifiedWebhook webhook = Deliveries.verified(github, request);
        StoredDelivery stored = inbox.find(webhook.deliveryKey()).orElseThrow();
        assertThat(stored.body()).isEqualTo(webhook.body());
        assertThat(reasonOf(verifier, request)).isEqualTo(Reason.DUPLICATE_DELIVERY);
      }
      // The sender retries the delivery refused during the outage: stored now, once.
      assertThat(reasonOf(verifier, duringOutage)).isNull();
      assertThat(reasonOf(verifier, duringOutage)).isEqualTo(Reason.DUPLICATE_DELIVERY);
      assertThat(inbox.lease("w2", 100, Duration.ofMinutes(5))).hasSize(31);
    } finally {
      server.close();
    }
  }
}
