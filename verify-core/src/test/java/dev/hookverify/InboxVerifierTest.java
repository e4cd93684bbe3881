package dev.hookverify;

import static dev.hookverify.Signing.utf8;
import static dev.hookverify.inbox.Deliveries.github;
import static dev.hookverify.inbox.Deliveries.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.StoredDelivery;
import dev.hookverify.testing.PostgresServer;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link InboxVerifier} on a real PostgreSQL inbox: outcomes, reasons and the listener. */
class InboxVerifierTest {
  static final String TABLE = "inbox_verifier_" + UUID.randomUUID().toString().substring(0, 8);
  static DeliveryInbox inbox;

  final List<VerificationEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void createTable() throws SQLException {
    inbox = DeliveryInbox.builder(PostgresServer.dataSource()).table(TABLE).build();
    try (Connection c = PostgresServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(inbox.createTableSql());
    }
  }

  @AfterAll
  static void dropTable() throws SQLException {
    try (Connection c = PostgresServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + TABLE);
    }
  }

  @BeforeEach
  void clearEvents() {
    events.clear();
  }

  private InboxVerifier githubInbox() {
    return InboxVerifier.builder(github(events::add), inbox).build();
  }

  private static Reason reasonOf(InboxVerifier verifier, WebhookRequest request) {
    try {
      verifier.accept(request);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  private static String unique() {
    return "{\"id\":\"" + UUID.randomUUID() + "\"}";
  }

  @Test
  void accept_genuineDelivery_isStoredAndTheListenerSeesItAcceptedOnce() throws Exception {
    WebhookRequest request = github(utf8(unique()), "X-GitHub-Delivery", "gh-7");
    VerifiedWebhook webhook = githubInbox().accept(request);
    StoredDelivery stored = inbox.find(webhook.deliveryKey()).orElseThrow();
    assertThat(stored.body()).isEqualTo(request.bodyBytes());
    assertThat(stored.deliveryId()).contains("gh-7");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).isAccepted()).isTrue();
    assertThat(events.get(0).reason()).isEmpty();
    assertThat(events.get(0).keyId()).contains(webhook.keyId());
  }

  @Test
  void accept_replay_isDuplicateDelivery_andTheListenerSeesEachAttemptOnce() {
    InboxVerifier verifier = githubInbox();
    byte[] body = utf8(unique());
    assertThat(reasonOf(verifier, github(body))).isNull();
    assertThat(reasonOf(verifier, github(body, "X-GitHub-Delivery", "changed")))
        .isEqualTo(Reason.DUPLICATE_DELIVERY);
    assertThat(reasonOf(verifier, github(body))).isEqualTo(Reason.DUPLICATE_DELIVERY);
    assertThat(events)
        .extracting(e -> e.reason().orElse(null))
        .containsExactly(null, Reason.DUPLICATE_DELIVERY, Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void accept_forgery_isRejectedBeforeTheInbox() throws Exception {
    byte[] body = utf8(unique());
    WebhookRequest forged =
        WebhookRequest.builder()
            .header("X-Hub-Signature-256", "sha256=" + "00".repeat(32))
            .body(body)
            .build();
    long before = inbox.counts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(reasonOf(githubInbox(), forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(inbox.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(before);
    assertThat(events)
        .extracting(e -> e.reason().orElse(null))
        .containsExactly(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void accept_inboxDown_isStoreUnavailable_onceToTheListener_neverUnchecked() {
    for (DataSource broken : List.of(refusing(), closedPool())) {
      events.clear();
      DeliveryInbox down = DeliveryInbox.builder(broken).table(TABLE).build();
      InboxVerifier verifier = InboxVerifier.builder(github(events::add), down).build();
      assertThatThrownBy(() -> verifier.accept(github(utf8(unique()))))
          .isInstanceOf(WebhookVerificationException.class)
          .satisfies(
              e ->
                  assertThat(((WebhookVerificationException) e).reason())
                      .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE));
      assertThat(events).hasSize(1);
      assertThat(events.get(0).reason()).contains(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      assertThat(events.get(0).keyId()).isPresent(); // it was genuine: the key is known
    }
  }

  @Test
  void requireSignedDeliveryId_refusesDerivedKeys_andAcceptsSignedIds() throws Exception {
    InboxVerifier unsigned =
        InboxVerifier.builder(github(events::add), inbox).requireSignedDeliveryId().build();
    byte[] body = utf8(unique());
    assertThat(reasonOf(unsigned, github(body, "X-GitHub-Delivery", "gh-unsigned")))
        .isEqualTo(Reason.MISSING_DELIVERY_ID);
    assertThat(inbox.find(DeliveryKey.of("github", "gh-unsigned"))).isEmpty();
    InboxVerifier signed =
        InboxVerifier.builder(standard(events::add), inbox).requireSignedDeliveryId().build();
    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
    VerifiedWebhook webhook = signed.accept(standard(id, 1_765_000_000L, body));
    assertThat(webhook.deliveryKey().value()).isEqualTo("standard:acme:" + id);
    assertThat(events)
        .extracting(e -> e.reason().orElse(null))
        .containsExactly(Reason.MISSING_DELIVERY_ID, null);
  }

  @Test
  void accept_storesUnderTheKeyIdempotentVerifierClaims() throws Exception {
    WebhookRequest request = github(utf8(unique()), "X-GitHub-Delivery", "gh-same");
    VerifiedWebhook accepted = githubInbox().accept(request);
    try (ClaimedDelivery claimed =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(10))
            .build()
            .claim(request)) {
      assertThat(inbox.find(accepted.deliveryKey()).orElseThrow().deliveryKey())
          .isEqualTo(claimed.deliveryKey());
    }
  }

  @Test
  void maxBodyBytes_isTheVerifiers() {
    assertThat(githubInbox().maxBodyBytes()).isEqualTo(github().maxBodyBytes());
  }

  private static DataSource refusing() {
    return proxy(
        () -> {
          throw new SQLException("connection refused", "08001");
        });
  }

  private static DataSource closedPool() {
    return proxy(
        () -> {
          throw new IllegalStateException("pool is closed");
        });
  }

  interface Source {
    Connection get() throws SQLException;
  }

  private static DataSource proxy(Source source) {
    return (DataSource)
        Proxy.newProxyInstance(
            InboxVerifierTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (p, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return source.get();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
