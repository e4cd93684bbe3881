package dev.hookverify.inbox;

import static java.util.Objects.requireNonNull;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.idempotency.DeliveryKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * SKELETON (to be implemented): the durable inbox on {@code java.sql} alone.
 *
 * <p>{@link #accept} writes the verified delivery and its dedupe claim in one statement; workers
 * ({@link InboxWorkers}) lease, process, retry and bury stored deliveries.
 */
public final class DeliveryInbox {
  /** The SQL a database understands. */
  public enum Dialect {
    /** PostgreSQL 9.5 or later: {@code ON CONFLICT}, {@code FOR UPDATE SKIP LOCKED}, NOTIFY. */
    POSTGRESQL,
    /** Standard SQL; unique-key violations reported as SQLState 23xxx. */
    STANDARD
  }

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final Clock clock;

  private DeliveryInbox(Builder b) {
    this.dataSource = b.dataSource;
    this.dialect = b.dialect;
    this.table = b.table;
    this.clock = b.clock;
  }

  /** A builder for an inbox on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The DDL that creates the inbox table and its indexes, for its dialect and table name. */
  public String createTableSql() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Stores {@code webhook} unless its delivery key was stored before, in one statement.
   *
   * @throws InboxException if the database failed: reject the delivery so the sender retries
   */
  public Acceptance accept(VerifiedWebhook webhook) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The stored delivery with {@code key}, if any. */
  public Optional<StoredDelivery> find(DeliveryKey key) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Makes the dead delivery with {@code key} pending again, due now, attempts reset. */
  public boolean requeue(DeliveryKey key) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Makes every dead delivery pending again; returns how many. */
  public int requeueDead() throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Deletes completed deliveries completed more than {@code retention} ago; returns how many. */
  public int purgeCompleted(Duration retention) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** How many deliveries are in each status (every status present, zero if none). */
  public Map<DeliveryStatus, Long> counts() throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The inbox's clock (workers schedule attempts on it). */
  Clock clock() {
    return clock;
  }

  // --- The worker side (InboxWorkers). Each call is one short transaction. ---

  /**
   * Leases up to {@code max} due deliveries to {@code owner} until now + {@code lease}: pending
   * ones whose next attempt is due and processing ones whose lease expired, oldest due first, rows
   * locked by other workers skipped. Each returned snapshot has status PROCESSING and its attempt
   * number already incremented.
   */
  List<StoredDelivery> lease(String owner, int max, Duration lease) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Marks a leased delivery completed, if {@code owner} still holds its lease. */
  boolean complete(StoredDelivery delivery, String owner) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Makes a leased delivery pending again, due at {@code next}, if {@code owner} holds it. */
  boolean retryAt(StoredDelivery delivery, String owner, Instant next, String error)
      throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Marks a leased delivery dead, if {@code owner} still holds its lease. */
  boolean bury(StoredDelivery delivery, String owner, String error) throws InboxException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Calls {@code wake} after each accepted delivery in this process (wakes idle workers). */
  void onAccepted(Runnable wake) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Builds a {@link DeliveryInbox}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect = Dialect.POSTGRESQL;
    private String table = "hookverify_inbox";
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The database's SQL; default {@link Dialect#POSTGRESQL}. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /** The table name; default {@code hookverify_inbox}. */
    public Builder table(String table) {
      this.table = requireNonNull(table, "table");
      return this;
    }

    /** The clock times are taken from; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The inbox. */
    public DeliveryInbox build() {
      return new DeliveryInbox(this);
    }
  }
}
