package dev.hookverify.inbox;

import static java.util.Objects.requireNonNull;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.internal.Expiry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The durable inbox: a table of verified deliveries on the database the application already runs,
 * on {@code java.sql} alone. {@link #accept} stores a delivery and its dedupe claim in one
 * statement, so the sender can be acknowledged at once; {@link InboxWorkers} lease stored
 * deliveries, run the application's {@link DeliveryHandler}, and complete, retry or bury them.
 *
 * <p><b>The contract.</b> Acceptance is exactly once: a delivery is stored under its {@link
 * VerifiedWebhook#deliveryKey() delivery key} (a function of the delivery, never of the path its
 * proof took), so each delivery is either stored once or recognised as a {@link
 * Acceptance#DUPLICATE}, also under concurrent replays on many connections and processes; once
 * {@code accept} returns the row is committed, so nothing acknowledged is lost. Processing is at
 * least once: a worker that dies or overruns its lease lets another worker run the same delivery
 * again; it is exactly once when each handler run returns normally within its lease. So a handler
 * must be idempotent on {@link StoredDelivery#deliveryKey()} for its effects outside this table (an
 * upsert, a unique constraint). Replays stay duplicates for as long as the row is kept: until
 * {@link #purgeCompleted} deletes it.
 *
 * <p>The table's DDL ships as {@code dev/hookverify/inbox/postgresql.sql} and {@code standard.sql}
 * on the class path, also returned by {@link #createTableSql()} with the configured table name; run
 * it once with your migrations. With {@link Dialect#POSTGRESQL}, {@code accept} is one {@code
 * INSERT ... ON CONFLICT DO NOTHING} that also calls {@code pg_notify} (channel: the table name in
 * lower case) when it stored a row, so workers listening there wake at once; leasing is one {@code
 * UPDATE ... FOR UPDATE SKIP LOCKED}. {@link Dialect#STANDARD} inserts and reads a unique-key
 * violation as a duplicate, and leases row by row with conditional updates.
 *
 * <p>What is stored is what the verifier proved (provider, tenant, key id, delivery id and whether
 * the signature covers it, signed timestamp, the exact body bytes) plus the request's {@code
 * Content-Type}, which no signature covers: a replayer can change it, so treat it as a hint. A
 * {@code Content-Type} longer than 256 characters or with control characters is not kept, and a
 * signed timestamp outside the years 1 to 9999 is kept as absent, rather than failing a delivery
 * the verifier accepted.
 *
 * <p>Times come from the injected {@link Clock}, passed as statement parameters (never the
 * database's {@code now()}), so every instance's clock must be synchronized (NTP). Every statement
 * has a query timeout. A database failure is an {@link InboxException} whose message holds no key,
 * body or secret.
 *
 * <p>Thread-safe; each call borrows a connection from the {@link DataSource}, works in a
 * transaction it commits itself, and returns it. An auto-commit connection is switched out of
 * auto-commit for the call and back; except for {@code accept} with {@link Dialect#POSTGRESQL},
 * whose one statement is sent between its own {@code BEGIN} and {@code COMMIT} in the same round
 * trip.
 */
public final class DeliveryInbox {
  /** The SQL a database understands. */
  public enum Dialect {
    /** PostgreSQL 9.5 or later: {@code ON CONFLICT}, {@code FOR UPDATE SKIP LOCKED}, NOTIFY. */
    POSTGRESQL("postgresql.sql"),
    /** Standard SQL; unique-key violations reported as SQLState 23xxx. */
    STANDARD("standard.sql");

    private final String ddlResource;

    Dialect(String ddlResource) {
      this.ddlResource = ddlResource;
    }
  }

  /** The longest {@code last_error} kept, in characters (the column's size). */
  static final int MAX_ERROR = 1000;

  /** The longest lease owner, in characters (the column's size). */
  static final int MAX_OWNER = 200;

  /** The longest tenant, key id and content type kept, in characters (the columns' size). */
  static final int MAX_TEXT = 256;

  // Leases and retentions follow the idempotency stores' rule (Expiry: at most 100 years, never
  // past the last second every SQL timestamp type holds); this is the first second they all hold.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * The most headers {@link Builder#keepHeaders} keeps (their lines fit the 4,000-character
   * column).
   */
  public static final int MAX_KEPT_HEADERS = 8;

  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final String DEFAULT_TABLE = "hookverify_inbox";
  private static final Pattern DDL_NAMES = Pattern.compile(DEFAULT_TABLE + "(_[a-z]+)?");

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final String channel;
  private final Clock clock;
  private final int queryTimeoutSeconds;
  private final InboxStatements sql;
  private final List<String> keptHeaders;
  private final List<Runnable> wakes = new CopyOnWriteArrayList<>();

  private DeliveryInbox(Builder b) {
    this.dataSource = b.dataSource;
    this.dialect = b.dialect;
    this.table = b.table;
    this.channel = b.table.toLowerCase(Locale.ROOT);
    this.clock = b.clock;
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
    this.sql = new InboxStatements(b.table);
    this.keptHeaders = List.copyOf(b.keptHeaders);
  }

  /** A builder for an inbox on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * The DDL that creates the inbox table and its indexes, for its dialect and table name (indexes
   * are named after the table without its schema, as SQL requires).
   */
  public String createTableSql() {
    String resource = "/dev/hookverify/inbox/" + dialect.ddlResource;
    String ddl;
    try (InputStream in = DeliveryInbox.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String unqualified = table.substring(table.indexOf('.') + 1);
    Matcher m = DDL_NAMES.matcher(ddl);
    return m.replaceAll(
        r ->
            Matcher.quoteReplacement(
                r.group(1) == null ? table : unqualified + r.group(1))); // an index name
  }

  /**
   * Stores {@code webhook} unless its delivery key was stored before, in one statement, and commits
   * before returning, so the sender may be acknowledged as soon as this returns. The key is {@link
   * VerifiedWebhook#deliveryKey()}; the stored row is due at once, with no attempt made. After an
   * {@link Acceptance#ACCEPTED} delivery, wakes this process's idle workers.
   *
   * @return {@link Acceptance#ACCEPTED} if it was stored now, {@link Acceptance#DUPLICATE} if a row
   *     with its key exists (whatever its status)
   * @throws InboxException if the database failed, or the delivery cannot be stored as it is (its
   *     tenant or key id longer than 256 characters or holding a control character): reject the
   *     delivery so the sender retries
   */
  public Acceptance accept(VerifiedWebhook webhook) throws InboxException {
    requireNonNull(webhook, "webhook");
    String key;
    try {
      key = webhook.deliveryKey().value();
    } catch (RuntimeException e) {
      throw new InboxException("no delivery key can be formed for this delivery", e);
    }
    String tenant = webhook.tenant().orElse(null);
    if (!fits(tenant) || !fits(webhook.keyId())) {
      throw new InboxException("tenant or key id does not fit the inbox table (256 characters)");
    }
    Acceptance acceptance =
        dialect == Dialect.POSTGRESQL
            ? connected("accept", c -> acceptPostgres(c, key, webhook))
            : run("accept", c -> acceptStandard(c, key, webhook, clock.instant()));
    if (acceptance == Acceptance.ACCEPTED) {
      for (Runnable wake : wakes) {
        try {
          wake.run();
        } catch (RuntimeException ignored) {
          // Waking is an optimisation; polling finds the delivery anyway.
        }
      }
    }
    return acceptance;
  }

  /**
   * PostgreSQL: on an auto-commit connection, one round trip. The statement is sent between a
   * {@code BEGIN} and a {@code COMMIT} of its own, all three in one batch, so the row is committed
   * before this returns even where an earlier borrower left a transaction open on the connection (a
   * {@code BEGIN} run as SQL, which auto-commit does not see): its {@code COMMIT} commits that
   * transaction too. An explicit commit after the statement would cost a second round trip. On a
   * connection without auto-commit: the plain statement, then an explicit commit.
   */
  private Acceptance acceptPostgres(Connection c, String key, VerifiedWebhook w)
      throws SQLException {
    if (!c.getAutoCommit()) {
      return inTransaction(c, x -> acceptPostgres(x, sql.acceptPostgres, key, w));
    }
    try {
      return acceptPostgres(c, sql.acceptPostgresCommitted, key, w);
    } catch (SQLException | RuntimeException e) {
      // A failed statement leaves the batch's transaction block aborted on the connection.
      endAbortedTransaction(c);
      throw e;
    }
  }

  private Acceptance acceptPostgres(Connection c, String statement, String key, VerifiedWebhook w)
      throws SQLException {
    try (PreparedStatement s = prepare(c, statement)) {
      int next = bindInsert(s, key, w, clock.instant());
      s.setString(next, channel);
      // The batch's BEGIN and COMMIT answer with update counts; the insert's rows come between.
      for (boolean rows = s.execute(); ; rows = s.getMoreResults()) {
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            return rs.next() ? Acceptance.ACCEPTED : Acceptance.DUPLICATE;
          }
        }
        if (s.getUpdateCount() == -1) {
          throw new SQLException("the accept statement returned no rows");
        }
      }
    }
  }

  private Acceptance acceptStandard(Connection c, String key, VerifiedWebhook w, Instant now)
      throws SQLException {
    try (PreparedStatement s = prepare(c, sql.insert)) {
      bindInsert(s, key, w, now);
      s.executeUpdate();
      return Acceptance.ACCEPTED;
    } catch (SQLException e) {
      if (!isConstraintViolation(e)) {
        throw e;
      }
      rollback(c);
      // 23xxx is also a NOT NULL or CHECK violation: a duplicate only if the key's row is there,
      // else the delivery would be acknowledged without being stored. The very key: a column
      // that compares without case (MySQL's, SQL Server's default collations) finds another's.
      try (PreparedStatement s = prepare(c, sql.exists)) {
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            if (key.equals(rs.getString(1))) {
              return Acceptance.DUPLICATE;
            }
          }
        }
      }
      throw e;
    }
  }

  /** Binds the insert's parameters; returns the index of the next one. */
  private int bindInsert(PreparedStatement s, String key, VerifiedWebhook w, Instant now)
      throws SQLException {
    s.setString(1, key);
    s.setString(2, w.provider());
    s.setString(3, w.tenant().orElse(null));
    s.setString(4, w.deliveryId().orElse(null));
    s.setBoolean(5, w.isDeliveryIdSigned());
    s.setString(6, w.keyId());
    Optional<Instant> signedAt = w.timestamp().filter(DeliveryInbox::storable);
    if (signedAt.isPresent()) {
      s.setObject(7, utc(signedAt.get()));
    } else {
      s.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    s.setObject(8, utc(now));
    s.setString(9, w.contentType().filter(DeliveryInbox::fits).orElse(null));
    s.setString(10, keptHeaders(w));
    s.setBytes(11, w.body());
    s.setObject(12, utc(now));
    return 13;
  }

  /**
   * The kept headers' first values as {@code name: value} lines, names in lower case; a value over
   * 256 characters or with a control character is left out (no signature covers it, so it is a hint
   * and never a reason to refuse a verified delivery). Null if none is there.
   */
  private String keptHeaders(VerifiedWebhook w) {
    StringBuilder lines = new StringBuilder();
    for (String name : keptHeaders) {
      String value = w.header(name).filter(DeliveryInbox::fits).orElse(null);
      if (value != null) {
        lines.append(lines.length() == 0 ? "" : "\n").append(name).append(": ").append(value);
      }
    }
    return lines.length() == 0 ? null : lines.toString();
  }

  /**
   * The stored delivery with {@code key}, if any.
   *
   * @throws InboxException if the database failed
   */
  public Optional<StoredDelivery> find(DeliveryKey key) throws InboxException {
    requireNonNull(key, "key");
    return run(
        "find",
        c -> {
          try (PreparedStatement s = prepare(c, sql.find)) {
            s.setString(1, key.value());
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Makes the dead delivery with {@code key} pending again: due now, its attempts reset to 0, its
   * lease cleared, its last error kept until the next attempt.
   *
   * @return whether the delivery was dead (false if it is absent or in another status)
   * @throws InboxException if the database failed
   */
  public boolean requeue(DeliveryKey key) throws InboxException {
    requireNonNull(key, "key");
    return update("requeue", sql.requeue, utc(clock.instant()), key.value()) == 1;
  }

  /**
   * Makes every dead delivery pending again, as {@link #requeue} does for one.
   *
   * @return how many deliveries were requeued
   * @throws InboxException if the database failed
   */
  public int requeueDead() throws InboxException {
    return update("requeue", sql.requeueDead, utc(clock.instant()));
  }

  /**
   * Deletes the deliveries completed {@code retention} ago or earlier. A purged delivery is
   * forgotten: a replay of it, or a retry by its sender, is accepted and processed again. So choose
   * a retention at least as long as the sender's retry window, as {@link
   * dev.hookverify.IdempotentVerifier#DEFAULT_RETENTION} (31 days) does; a retention beyond 100
   * years is 100 years. Pending, processing and dead deliveries are never purged.
   *
   * @return how many deliveries were deleted
   * @throws IllegalArgumentException if {@code retention} is negative
   * @throws InboxException if the database failed
   */
  public int purgeCompleted(Duration retention) throws InboxException {
    requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    Duration kept = retention.compareTo(Expiry.LONGEST) > 0 ? Expiry.LONGEST : retention;
    Instant cutoff = clock.instant().minus(kept);
    return update("purge", sql.purge, utc(cutoff.isBefore(EARLIEST) ? EARLIEST : cutoff));
  }

  /**
   * How many deliveries are in each status, in one query.
   *
   * @return every status, zero where none
   * @throws InboxException if the database failed
   */
  public Map<DeliveryStatus, Long> counts() throws InboxException {
    return run(
        "counts",
        c -> {
          Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
          for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
          }
          try (PreparedStatement s = prepare(c, sql.counts);
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** The inbox's clock (workers schedule attempts on it). */
  Clock clock() {
    return clock;
  }

  /** The inbox's dialect (workers LISTEN only on PostgreSQL). */
  Dialect dialect() {
    return dialect;
  }

  /** The inbox's data source (workers hold one connection of it to LISTEN). */
  DataSource dataSource() {
    return dataSource;
  }

  /**
   * The PostgreSQL NOTIFY channel {@link #accept} signals after storing a delivery: the table name
   * in lower case, at most 63 characters. Quote it to LISTEN: {@code LISTEN "<channel>"}.
   */
  String channel() {
    return channel;
  }

  // --- The worker side (InboxWorkers). Each call is short: one transaction on PostgreSQL. ---

  /**
   * Leases up to {@code max} due deliveries to {@code owner} until now + {@code lease}: pending
   * ones whose next attempt is due and processing ones whose lease expired, oldest due first, rows
   * locked by other workers skipped. Each returned snapshot has status PROCESSING and its attempt
   * number already incremented.
   *
   * <p>The snapshot is the lease: {@link #complete}, {@link #retryAt} and {@link #bury} apply only
   * while the row still has this owner, this attempt number and this lease end, so a worker whose
   * lease was taken over cannot settle the newer attempt. Give each worker pool a unique owner.
   *
   * @throws IllegalArgumentException if {@code owner} is empty or longer than 200 characters,
   *     {@code max} is below 1, or {@code lease} is not positive
   */
  List<StoredDelivery> lease(String owner, int max, Duration lease) throws InboxException {
    requireNonNull(owner, "owner");
    requireNonNull(lease, "lease");
    if (owner.isEmpty() || owner.length() > MAX_OWNER) {
      throw new IllegalArgumentException("owner must be 1-200 characters");
    }
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
    return run(
        "lease",
        c -> {
          Instant now = clock.instant();
          Instant until = Expiry.after(now, lease, "lease");
          return dialect == Dialect.POSTGRESQL
              ? leasePostgres(c, owner, max, now, until)
              : leaseStandard(c, owner, max, now, until);
        });
  }

  private List<StoredDelivery> leasePostgres(
      Connection c, String owner, int max, Instant now, Instant until) throws SQLException {
    List<Map.Entry<Instant, StoredDelivery>> leased = new ArrayList<>();
    try (PreparedStatement s = prepare(c, sql.leasePostgres)) {
      s.setString(1, owner);
      s.setObject(2, utc(until));
      s.setObject(3, utc(now));
      s.setObject(4, utc(now));
      s.setInt(5, max);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          leased.add(Map.entry(instant(rs, "due_at"), delivery(rs)));
        }
      }
    }
    // RETURNING keeps no order: oldest due first, as the rows were chosen.
    leased.sort(Map.Entry.comparingByKey());
    List<StoredDelivery> deliveries = new ArrayList<>(leased.size());
    leased.forEach(e -> deliveries.add(e.getValue()));
    return deliveries;
  }

  private List<StoredDelivery> leaseStandard(
      Connection c, String owner, int max, Instant now, Instant until) throws SQLException {
    List<Object[]> candidates = new ArrayList<>();
    try (PreparedStatement s = prepare(c, sql.dueStandard)) {
      s.setMaxRows(max);
      s.setObject(1, utc(now));
      s.setObject(2, utc(now));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          candidates.add(
              new Object[] {
                rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class)
              });
        }
      }
    }
    commit(c);
    List<StoredDelivery> leased = new ArrayList<>();
    for (Object[] row : candidates) {
      int updated;
      try (PreparedStatement s = prepare(c, sql.leaseOneStandard)) {
        s.setString(1, owner);
        s.setObject(2, utc(until));
        s.setLong(3, (Long) row[0]);
        s.setString(4, (String) row[1]);
        s.setInt(5, (Integer) row[2]);
        s.setObject(6, row[3]);
        updated = s.executeUpdate();
      }
      commit(c);
      if (updated == 1) { // else another worker leased it since we read it
        try (PreparedStatement s = prepare(c, sql.findById)) {
          s.setLong(1, (Long) row[0]);
          try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
              leased.add(delivery(rs));
            }
          }
        }
      }
    }
    return leased;
  }

  /**
   * Marks a leased delivery completed, if {@code owner} still holds its lease.
   *
   * @return whether it applied (false if the lease was taken over or the delivery settled)
   */
  boolean complete(StoredDelivery delivery, String owner) throws InboxException {
    return settle("complete", sql.complete, delivery, owner, utc(clock.instant()));
  }

  /**
   * Makes a leased delivery pending again, due at {@code next}, if {@code owner} holds it, and
   * records {@code error} (control characters replaced, cut to 1000 characters).
   *
   * @return whether it applied (false if the lease was taken over or the delivery settled)
   */
  boolean retryAt(StoredDelivery delivery, String owner, Instant next, String error)
      throws InboxException {
    requireNonNull(next, "next");
    Instant due =
        next.isAfter(Expiry.LATEST) ? Expiry.LATEST : next.isBefore(EARLIEST) ? EARLIEST : next;
    return settle("retry", sql.retry, delivery, owner, utc(due), errorText(error));
  }

  /**
   * Marks a leased delivery dead, if {@code owner} still holds its lease, recording {@code error}
   * as {@link #retryAt} does.
   *
   * @return whether it applied (false if the lease was taken over or the delivery settled)
   */
  boolean bury(StoredDelivery delivery, String owner, String error) throws InboxException {
    return settle("bury", sql.bury, delivery, owner, errorText(error));
  }

  private boolean settle(
      String what, String statement, StoredDelivery delivery, String owner, Object... values)
      throws InboxException {
    requireNonNull(delivery, "delivery");
    requireNonNull(owner, "owner");
    Object[] parameters = new Object[values.length + 4];
    System.arraycopy(values, 0, parameters, 0, values.length);
    parameters[values.length] = delivery.id();
    parameters[values.length + 1] = owner;
    parameters[values.length + 2] = delivery.attempt();
    parameters[values.length + 3] = utc(delivery.nextAttemptAt());
    return update(what, statement, parameters) == 1;
  }

  /**
   * Calls {@code wake} after each delivery this process accepts, on the accepting thread (keep it
   * fast: signal a worker, do not work). Exceptions it throws are ignored.
   *
   * @return what removes {@code wake} again: closed workers must not stay reachable from the inbox
   */
  Runnable onAccepted(Runnable wake) {
    requireNonNull(wake, "wake");
    wakes.add(wake);
    return () -> wakes.remove(wake);
  }

  /** How many wake callbacks are registered (for tests: closed workers leave none). */
  int wakeCallbacks() {
    return wakes.size();
  }

  // --- JDBC plumbing ---

  @FunctionalInterface
  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a borrowed connection and commits; any failure is an InboxException. */
  private <T> T run(String what, Work<T> work) throws InboxException {
    return connected(what, c -> inTransaction(c, work));
  }

  /**
   * Runs {@code work} and commits explicitly, also on an auto-commit connection: it may come with a
   * transaction an earlier borrower left open (a BEGIN run as SQL), which would hold an
   * acknowledged delivery uncommitted, to be rolled back with it.
   */
  private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (autoCommit) {
      c.setAutoCommit(false);
    }
    try {
      T result = work.on(c);
      commit(c);
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    } finally {
      if (autoCommit) {
        c.setAutoCommit(true);
      }
    }
  }

  /** Runs {@code work} on a borrowed connection; any failure is an InboxException. */
  private <T> T connected(String what, Work<T> work) throws InboxException {
    try (Connection c = dataSource.getConnection()) {
      return work.on(c);
    } catch (SQLException e) {
      throw new InboxException("inbox " + what + " failed (SQLState " + e.getSQLState() + ")", e);
    } catch (RuntimeException e) {
      // A driver or pool that throws unchecked (a closed pool): still the database's failure.
      throw new InboxException(
          "inbox " + what + " failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private int update(String what, String statement, Object... parameters) throws InboxException {
    return run(
        what,
        c -> {
          try (PreparedStatement s = prepare(c, statement)) {
            for (int i = 0; i < parameters.length; i++) {
              if (parameters[i] == null) {
                s.setNull(i + 1, Types.VARCHAR); // only texts are optional here
              } else {
                s.setObject(i + 1, parameters[i]);
              }
            }
            return s.executeUpdate();
          }
        });
  }

  private PreparedStatement prepare(Connection c, String statement) throws SQLException {
    PreparedStatement s = c.prepareStatement(statement);
    s.setQueryTimeout(queryTimeoutSeconds);
    return s;
  }

  private static StoredDelivery delivery(ResultSet rs) throws SQLException {
    return new StoredDelivery(
        rs.getLong("id"),
        rs.getString("delivery_key"),
        rs.getString("provider"),
        rs.getString("tenant"),
        rs.getString("delivery_id"),
        rs.getBoolean("delivery_id_signed"),
        rs.getString("key_id"),
        instant(rs, "signed_at"),
        instant(rs, "received_at"),
        rs.getString("content_type"),
        rs.getString("headers"),
        rs.getBytes("body"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        rs.getString("last_error"),
        rs.getString("lease_owner"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void commit(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  private static void rollback(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  /** Rolls back a transaction block begun as SQL on an auto-commit connection, if still open. */
  private static void endAbortedTransaction(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException | RuntimeException ignored) {
      // The connection is broken anyway; the original failure is reported.
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      rollback(c);
    } catch (SQLException | RuntimeException ignored) {
      // The connection is broken anyway; the original failure is reported.
    }
  }

  private static boolean isConstraintViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  /** Whether {@code text} is absent or fits a 256-character column without control characters. */
  private static boolean fits(String text) {
    if (text == null) {
      return true;
    }
    if (text.length() > MAX_TEXT) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < 0x20 || ch == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean storable(Instant t) {
    return !t.isBefore(EARLIEST) && !t.isAfter(Expiry.LATEST);
  }

  /**
   * {@code error} as the table keeps it: control characters (PostgreSQL refuses NUL in text) and
   * unpaired surrogates replaced, cut to {@value #MAX_ERROR} characters without splitting a pair.
   */
  static String errorText(String error) {
    if (error == null) {
      return null;
    }
    int end = Math.min(error.length(), MAX_ERROR);
    if (end < error.length() && Character.isHighSurrogate(error.charAt(end - 1))) {
      end--;
    }
    StringBuilder b = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char ch = error.charAt(i);
      if (Character.isHighSurrogate(ch)
          && i + 1 < end
          && Character.isLowSurrogate(error.charAt(i + 1))) {
        b.append(ch).append(error.charAt(++i));
      } else if (Character.isSurrogate(ch)) {
        b.append('?');
      } else {
        b.append(Character.isISOControl(ch) ? ' ' : ch);
      }
    }
    return b.toString();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "DeliveryInbox{" + dialect + ", " + table + "}";
  }

  /** Builds a {@link DeliveryInbox}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect = Dialect.POSTGRESQL;
    private String table = DEFAULT_TABLE;
    private Clock clock = Clock.systemUTC();
    private int queryTimeoutSeconds = 5;
    private final List<String> keptHeaders = new ArrayList<>();

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The database's SQL; default {@link Dialect#POSTGRESQL}. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The table, optionally schema-qualified; default {@code hookverify_inbox}.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier ({@code [A-Za-z_]
     *     [A-Za-z0-9_]*}, optionally after {@code schema.}) of at most 63 characters in all, the
     *     longest PostgreSQL NOTIFY channel
     */
    public Builder table(String table) {
      requireNonNull(table, "table");
      if (table.length() > 63
          || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
        throw new IllegalArgumentException("table must be a plain SQL identifier, <= 63 long");
      }
      this.table = table;
      return this;
    }

    /** The clock times are taken from; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long one statement may run before it fails (and a delivery being accepted is rejected, to
     * be retried); default 5 seconds.
     *
     * @throws IllegalArgumentException if {@code timeout} is below 1 second
     */
    public Builder queryTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.getSeconds() < 1) {
        throw new IllegalArgumentException("query timeout must be at least 1 second");
      }
      this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds());
      return this;
    }

    /**
     * Headers whose first value is stored with each delivery, for handlers that route on a sender's
     * unsigned header (GitHub's {@code X-GitHub-Event}, Shopify's {@code X-Shopify-Topic}); read
     * back with {@link StoredDelivery#header}. At most {@value #MAX_KEPT_HEADERS}; a value over 256
     * characters or with a control character is not kept. No signature covers them unless the
     * sender's scheme says so: the delivery key never depends on them, so a replay with other
     * values is still a duplicate, and the first stored values stay.
     */
    public Builder keepHeaders(String... names) {
      for (String name : names) {
        requireNonNull(name, "name");
        if (!HEADER_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("a header name is 1-64 letters, digits and '-'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!keptHeaders.contains(lower)) {
          keptHeaders.add(lower);
        }
      }
      if (keptHeaders.size() > MAX_KEPT_HEADERS) {
        throw new IllegalArgumentException("at most " + MAX_KEPT_HEADERS + " headers are kept");
      }
      return this;
    }

    /** The inbox. */
    public DeliveryInbox build() {
      return new DeliveryInbox(this);
    }
  }
}
