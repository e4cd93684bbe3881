package dev.hookverify.inbox;

import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.testing.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** The inbox contract on the embedded PostgreSQL 14 server, PostgreSQL dialect, plus NOTIFY. */
class PostgresDeliveryInboxTest extends DeliveryInboxContract {
  private static final DataSource POOL = TestPool.over(PostgresServer.dataSource());

  @Override
  DataSource dataSource() {
    return POOL;
  }

  @Override
  DeliveryInbox.Dialect dialect() {
    return DeliveryInbox.Dialect.POSTGRESQL;
  }

  @Test
  void accept_notifiesTheTableChannel_onlyWhenARowWasStored() throws Exception {
    try (Connection listener = PostgresServer.dataSource().getConnection(); // unpooled: it LISTENs
        Statement s = listener.createStatement()) {
      s.execute("LISTEN \"" + inbox.channel() + "\"");
      PGConnection pg = listener.unwrap(PGConnection.class);
      assertThat(inbox.accept(delivery("{\"notify\":1}"))).isEqualTo(Acceptance.ACCEPTED);
      List<PGNotification> first = notifications(pg, 1);
      assertThat(first).hasSize(1);
      assertThat(first.get(0).getName()).isEqualTo(table);
      assertThat(first.get(0).getParameter()).isEmpty(); // no key or body on the wire
      assertThat(inbox.accept(delivery("{\"notify\":1}"))).isEqualTo(Acceptance.DUPLICATE);
      // A second, later notification proves the duplicate sent none before it.
      inbox.accept(delivery("{\"notify\":2}"));
      assertThat(notifications(pg, 1)).hasSize(1);
      assertThat(pg.getNotifications(200)).isNullOrEmpty();
    }
  }

  @Test
  void server_isPostgres14() {
    assertThat(PostgresServer.serverVersion(dataSource())).startsWith("PostgreSQL 14.");
  }

  @Test
  void channel_isTheTableInLowerCase() {
    DeliveryInbox mixed = DeliveryInbox.builder(dataSource()).table("App.Webhook_Inbox").build();
    assertThat(mixed.channel()).isEqualTo("app.webhook_inbox");
    assertThat(utf8(mixed.channel()).length).isLessThanOrEqualTo(63);
  }

  /**
   * A pool may hand out an auto-commit connection on which an earlier borrower left a transaction
   * open (a plain {@code BEGIN} executed as SQL: auto-commit still reports true, and pools reset
   * nothing then). An accepted delivery must be committed before accept returns all the same: the
   * sender is acknowledged next, and a rollback later would lose it.
   */
  @Test
  void accept_onAnAutoCommitConnectionLeftInsideATransaction_isCommittedBeforeReturning()
      throws Exception {
    List<Connection> handedOut = new ArrayList<>();
    DataSource leaky =
        Faults.dataSource(
            () -> {
              Connection c = PostgresServer.dataSource().getConnection();
              try (Statement s = c.createStatement()) {
                s.execute("BEGIN"); // an earlier borrower's, never committed
              }
              handedOut.add(c);
              return new NonClosing(c).proxy();
            });
    DeliveryInbox onLeaky = inboxOn(leaky).build();
    VerifiedWebhook webhook = delivery("{\"leaked-transaction\":1}");
    assertThat(onLeaky.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
    for (Connection c : handedOut) {
      c.close(); // the pool drops it, or it breaks: the open transaction is rolled back
    }
    assertThat(rowsWithKey(key(webhook))).isEqualTo(1);
  }

  /**
   * On an auto-commit connection the PostgreSQL accept runs between a BEGIN and a COMMIT of its
   * own; when its statement fails, that transaction must not stay open (aborted) on the pooled
   * connection for the next borrower.
   */
  @Test
  void accept_failingOnAnAutoCommitConnection_leavesNoTransactionOpen() throws Exception {
    Connection real = PostgresServer.dataSource().getConnection();
    try {
      DataSource one = Faults.dataSource(() -> new NonClosing(real).proxy());
      DeliveryInbox missing = DeliveryInbox.builder(one).table("hookverify_no_such_inbox").build();
      assertThatThrownBy(() -> missing.accept(delivery("{\"fails\":1}")))
          .isInstanceOf(InboxException.class);
      assertThat(real.getAutoCommit()).isTrue();
      assertThat(real.unwrap(BaseConnection.class).getTransactionState())
          .isEqualTo(TransactionState.IDLE);
      DeliveryInbox next = inboxOn(one).build(); // the next borrower's call works
      VerifiedWebhook webhook = delivery("{\"after-failure\":1}");
      assertThat(next.accept(webhook)).isEqualTo(Acceptance.ACCEPTED);
      assertThat(rowsWithKey(key(webhook))).isEqualTo(1);
    } finally {
      real.close();
    }
  }

  /** A connection whose close() leaves the physical connection open, as a pool's does. */
  private static final class NonClosing {
    private final Connection real;

    NonClosing(Connection real) {
      this.real = real;
    }

    Connection proxy() {
      return (Connection)
          java.lang.reflect.Proxy.newProxyInstance(
              NonClosing.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("close")) {
                  return null;
                }
                try {
                  return m.invoke(real, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  /** Up to {@code count} notifications, waiting at most 5 s for them. */
  private static List<PGNotification> notifications(PGConnection pg, int count) throws Exception {
    List<PGNotification> received = new ArrayList<>();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (received.size() < count && System.nanoTime() < deadline) {
      PGNotification[] batch = pg.getNotifications(500);
      if (batch != null) {
        received.addAll(List.of(batch));
      }
    }
    return received;
  }
}
