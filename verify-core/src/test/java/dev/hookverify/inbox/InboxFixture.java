package dev.hookverify.inbox;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.SignatureHeader;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.DeliveryKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Real verified deliveries and fresh inbox tables for the worker tests. */
final class InboxFixture {
  private static final byte[] SECRET = utf8("inbox-workers-secret");
  private static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder("github")
          .authenticator(
              HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                  .signatureHeader(
                      SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                  .secret(WebhookSecret.ofBytes(SECRET))
                  .build())
          .build();

  private InboxFixture() {}

  /** A delivery the verifier accepted, with {@code body} (its key is the signed content's). */
  static VerifiedWebhook webhook(String body) {
    byte[] bytes = utf8(body);
    WebhookRequest request =
        WebhookRequest.builder()
            .header(
                "X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, bytes)))
            .header("Content-Type", "application/json")
            .body(bytes)
            .build();
    try {
      return VERIFIER.verify(request);
    } catch (WebhookVerificationException e) {
      throw new AssertionError(e);
    }
  }

  /** Accepts a delivery with {@code body} into {@code inbox}; returns its key. */
  static DeliveryKey accept(DeliveryInbox inbox, String body) throws InboxException {
    VerifiedWebhook w = webhook(body);
    if (inbox.accept(w) != Acceptance.ACCEPTED) {
      throw new AssertionError("not accepted: " + body);
    }
    return w.deliveryKey();
  }

  /** An inbox on a fresh, empty {@code table}. */
  static DeliveryInbox inbox(DataSource dataSource, String table, Clock clock) throws Exception {
    DeliveryInbox inbox =
        DeliveryInbox.builder(dataSource)
            .table(table)
            .clock(clock)
            .queryTimeout(Duration.ofSeconds(2))
            .build();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(inbox.createTableSql());
    }
    return inbox;
  }

  /** The stored delivery with {@code key}; fails if there is none. */
  static StoredDelivery find(DeliveryInbox inbox, DeliveryKey key) throws InboxException {
    return inbox.find(key).orElseThrow(() -> new AssertionError("no row for " + key));
  }

  /** A condition that may throw. */
  interface Check {
    boolean holds() throws Exception;
  }

  /** Waits until {@code check} holds, polling every 10 ms; fails after {@code timeout}. */
  static void await(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
